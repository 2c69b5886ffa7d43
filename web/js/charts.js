// ECharts, loaded on first use from vendor/ (a local copy: nothing comes from the network).

/*
 * chart(el, option, ctx) draws into `el` and disposes of the chart when the
 * page goes away.  Tooltips render on the canvas (renderMode richText): the
 * server's Content-Security-Policy forbids inline styles, which ECharts'
 * HTML tooltips would need.  Every chart has a data table beside it (the
 * pages do that), so nothing is shown by colour or canvas alone.
 */

let loading = null;

function loadEcharts() {
	if (window.echarts)
		return Promise.resolve(window.echarts);
	if (!loading) {
		loading = new Promise((resolve, reject) => {
			const s = document.createElement('script');
			s.src = 'vendor/echarts.common.min.js';
			s.onload = () => resolve(window.echarts);
			s.onerror = () => { loading = null; reject(new Error('图表组件加载失败（vendor/echarts.common.min.js）')); };
			document.head.append(s);
		});
	}
	return loading;
}

export const COLORS = {
	red: '#d32f2f', amber: '#f2b705', green: '#2e8b47', none: '#b0b7c0',
	blue: '#1e5fb4', brand: '#b71c1c', grey: '#8c959f',
};

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

export async function chart(el, option, ctx) {
	const echarts = await loadEcharts();
	if (ctx && !ctx.alive())
		return null;
	const c = echarts.init(el, null, { renderer: 'canvas' });
	c.setOption({
		textStyle: { fontFamily: FONT },
		animation: false,
		aria: { enabled: true },
		tooltip: { renderMode: 'richText', confine: true },
		...option,
		...(option.tooltip ? { tooltip: { renderMode: 'richText', confine: true, ...option.tooltip } } : {}),
	});
	const onResize = () => c.resize();
	window.addEventListener('resize', onResize);
	if (ctx)
		ctx.onCleanup(() => { window.removeEventListener('resize', onResize); c.dispose(); });
	return c;
}
