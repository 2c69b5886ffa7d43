-- wrk script for bench/http.sh: a liaison posts progress reports, each a real insert.
-- Arguments (after --): COOKIE CSRF IDS, IDS a comma-separated list of the liaison's
-- assignment ids.  Requests cycle through the assignments and the months 2022-04..2022-12,
-- so each POST adds a new report version of some (assignment, period).

local ids = {}
local n = 0

function init(args)
	wrk.method = "POST"
	wrk.headers["Cookie"] = "duban_session=" .. args[1]
	wrk.headers["X-CSRF-Token"] = args[2]
	wrk.headers["Content-Type"] = "application/json"
	for id in string.gmatch(args[3], "[^,]+") do
		ids[#ids + 1] = id
	end
	-- Each thread starts at its own place in the cycle.
	n = math.random(0, 100000)
end

function request()
	n = n + 1
	local id = ids[(n % #ids) + 1]
	local month = 4 + (n % 9)
	local body = string.format(
		'{"period":"2022-%02d","percent":%d,"progress":"第 %d 次报送：按计划推进，完成阶段目标。","likelihood":"likely"}',
		month, n % 101, n)
	return wrk.format(nil, "/api/v1/assignments/" .. id .. "/reports", nil, body)
end
