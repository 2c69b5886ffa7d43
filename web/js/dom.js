// DOM helpers: build elements with text only (never innerHTML with data).

/*
 * h('a', {href: '#/tasks', class: 'x', on: {click: fn}}, 'text', child, [more])
 * Strings become text nodes; null, undefined and false are skipped; arrays
 * are flattened.  Attributes: class, text, on, dataset-like data-*, aria-*,
 * boolean ones (hidden, disabled, required, checked, selected, multiple).
 */
const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'required',
	'multiple', 'readOnly', 'htmlFor', 'tabIndex', 'open', 'indeterminate']);

export function h(tag, attrs, ...children) {
	const el = document.createElement(tag);
	if (attrs) {
		for (const [k, v] of Object.entries(attrs)) {
			if (v === undefined || v === null || v === false)
				continue;
			if (k === 'class')
				el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
			else if (k === 'text')
				el.textContent = String(v);
			else if (k === 'on')
				for (const [ev, fn] of Object.entries(v))
					el.addEventListener(ev, fn);
			else if (k === 'for')
				el.htmlFor = v;
			else if (PROPS.has(k))
				el[k] = v;
			else
				el.setAttribute(k, v === true ? '' : String(v));
		}
	}
	append(el, children);
	return el;
}

export function append(el, children) {
	for (const c of children.flat(Infinity)) {
		if (c === null || c === undefined || c === false)
			continue;
		el.append(c instanceof Node ? c : document.createTextNode(String(c)));
	}
	return el;
}

export function clear(el) {
	el.replaceChildren();
	return el;
}

/* Text with every occurrence of `term` wrapped in <mark> (term compared as typed). */
export function highlight(text, term) {
	const s = String(text ?? '');
	if (!term)
		return [s];
	const parts = [];
	let i = 0;
	for (;;) {
		const j = s.indexOf(term, i);
		if (j < 0)
			break;
		if (j > i)
			parts.push(s.slice(i, j));
		parts.push(h('mark', null, term));
		i = j + term.length;
	}
	if (i < s.length)
		parts.push(s.slice(i));
	return parts;
}

let idSeq = 0;
/* A fresh id for label/aria wiring. */
export function uid(prefix = 'f') {
	idSeq += 1;
	return `${prefix}-${idSeq}`;
}

/* A labelled form field: {label, control, hint, id}; returns the wrapper. */
export function field(label, control, hint) {
	if (!control.id)
		control.id = uid();
	const parts = [h('label', { for: control.id }, label)];
	let hintEl = null;
	if (hint) {
		hintEl = h('span', { class: 'hint', id: control.id + '-hint' }, hint);
		control.setAttribute('aria-describedby', hintEl.id);
	}
	return h('div', { class: 'field' }, parts, control, hintEl);
}

/* <select> from [[value, label], ...]; `value` selected. */
export function select(options, value, attrs) {
	const el = h('select', attrs);
	for (const [v, label] of options)
		el.append(h('option', { value: v, selected: String(v) === String(value ?? '') }, label));
	return el;
}

/* Replace el's children (null, undefined and false skipped, as in h()). */
export function put(el, ...children) {
	el.replaceChildren();
	return append(el, children);
}
