// statusgen's listed deviations from wontache, the second reference (spec
// 1.3 with dynamic names and inheritance), each with why it is right for
// statusgen, and each as a patch to wontache's pinned source
// (node_modules/wontache/mustache-umd.js, the version package-lock.json
// holds) that makes it render the way statusgen does. Each patch replaces
// text that must occur exactly once, so that a new wontache fails loudly
// rather than leaving a patch unapplied. The differential test renders
// every case with wontache as it is, with each patch alone and with all
// of them: a difference that none of these explains fails the test.
'use strict';

const fs = require('fs');
const path = require('path');

const LIST = [
	{
		id: 'escape',
		title: "wontache also escapes ' ` in {{name}}",
		why: 'statusgen escapes the set the Mustache spec names (& < > "), ' +
		    'and has escapers of its own for C, Markdown and JSON.',
		patch: [['return underscoreX_js.escape(value);',
		    'return String(value != null ? value : "").replace(/[&<>"]/g, ' +
		    'function (c) { return { "&": "&amp;", "<": "&lt;", ' +
		    '">": "&gt;", \'"\': "&quot;" }[c]; });']],
	},
	{
		id: 'nontext',
		title: 'a list or mapping interpolated renders as nothing',
		why: 'wontache writes String(value) ("1,2", "[object Object]"), ' +
		    'which no generated file wants; statusgen writes nothing, and ' +
		    'in strict mode reports the tag.',
		patch: [['    if (safe) {\n',
		    '    if (value !== null && typeof value === "object") value = "";\n' +
		    '    if (safe) {\n']],
	},
	{
		id: 'negzero',
		title: '-0.0 renders as -0',
		why: 'statusgen prints the shortest decimal that reads back as the ' +
		    'same double, and "0" reads back as +0.0.',
		patch: [['    if (safe) {\n',
		    '    if (Object.is(value, -0)) value = "-0";\n    if (safe) {\n']],
	},
	{
		id: 'eofblank',
		title: 'a standalone tag on a last line without a line end takes ' +
		    'the blanks after it',
		why: 'A line with one tag and blanks is standalone whether a line ' +
		    'end closes it or the template ends (doc/templates.md, "Line ' +
		    'ends"); wontache removes the blanks after such a tag only ' +
		    'before a line end. The patch lets the end of the template ' +
		    'close the blanks after a tag as a line end does.',
		patch: [['concat(spaces, "(?:").concat(newline, "))?")',
		    'concat(spaces, "(?:").concat(newline, "|$))?")']],
	},
	{
		id: 'delimpad',
		title: "blanks may pad a set-delimiter tag after its last '='",
		why: 'statusgen, as mustache.js, reads "{{=<% %>= }}" as a ' +
		    'set-delimiter tag (doc/templates.md: blanks may pad the tag); ' +
		    'wontache allows blanks only before that "=", and reads the ' +
		    'rest of the template with the old delimiters.',
		patch: [['([^=\\s]+)(\\s*=)|', '([^=\\s]+)(\\s*=\\s*)|']],
	},
	{
		id: 'malformed',
		title: 'a tag that cannot be closed is an error',
		why: 'statusgen reports "{{{a}}" (no "}}}" after it), a tag ' +
		    'whose content holds the opening delimiter ("{{{a}} x {{{b}}}") ' +
		    'and an opening delimiter with no closing one after it as ' +
		    'located errors, as mustache.js refuses them; wontache reads ' +
		    'the first two as names that render as nothing, and the last ' +
		    'as text.',
		patch: [['      oldPosition = position;\n',
		    '      oldPosition = position;\n' +
		    '      if (stream[oldPosition] && stream[oldPosition].indexOf(delimiters[0]) >= 0)\n' +
		    '        throw SyntaxError("Unclosed tag: " + stream[oldPosition]);\n'],
		    ['      tagInfo.key = key = altKey || slice[15];\n',
		    '      tagInfo.key = key = altKey || slice[15];\n' +
		    '      if (!altKey && !sigil && !slice[14] && key && key[0] === "{" ||\n' +
		    '          key && sigil !== "!" && key.indexOf(delimiters[0]) >= 0)\n' +
		    '        throw SyntaxError("Unclosed tag: " + key);\n' +
		    '      if (key && key !== "." && "><$".indexOf(sigil) < 0 && key.split(".").indexOf("") >= 0)\n' +
		    '        throw SyntaxError("Bad name: " + key);\n']],
	},
	{
		id: 'partialblocks',
		title: "a partial's blocks take the arguments of the parents " +
		    'around it',
		why: 'The spec: "injecting a regular Partial is exactly equivalent ' +
		    'to injecting a Parent without making any substitutions", and ' +
		    'its Recursion test overrides a block in such a parent; ' +
		    'statusgen overrides a block in a partial included inside a ' +
		    'parent the same way. wontache renders a {{>partial}} with no ' +
		    'arguments at all. (Where the argument includes that partial ' +
		    'again, both recurse: statusgen stops with a located error at ' +
		    'its depth limit, wontache with a full stack.)',
		patch: [['      control = {};\n',
		    '      control = Object.assign({}, blocks);\n']],
	},
];

// Deviations the generator does not produce; the golden and unit tests
// hold statusgen's side.
const AVOIDED = [
	{
		id: 'blocktags',
		title: "a block's tags are standalone each on its own line",
		why: 'statusgen removes the line of a block\'s opening or closing ' +
		    'tag that stands alone, as it does a section\'s (the spec\'s ' +
		    'rule for every structural tag); wontache decides for the pair ' +
		    '(the opening tag clear on the left and the closing one on the ' +
		    'right, as for a parent), and keeps the line ends of a block ' +
		    'whose content is blank lines; and it moves the lines of a ' +
		    'standalone block\'s default content to the block\'s own ' +
		    'indentation (a proposed extension of the spec), where ' +
		    'statusgen keeps the source\'s; nor does it indent the lines ' +
		    'of an argument by the blanks before a standalone parent tag ' +
		    'where the parent\'s block does not stand alone. gen.js ' +
		    'indents no parent tag, and writes a block\'s two ' +
		    'tags both alone on their lines, not indented, around content ' +
		    'whose first line starts with a letter, or both after a word ' +
		    'around text of one line.',
	},
	{
		id: 'lonecr',
		title: 'a lone "\\r" is text, not a line end',
		why: 'wontache ends a line at a lone "\\r" too; statusgen, as the ' +
		    'spec and mustache.js, only at "\\n" and "\\r\\n" (golden ' +
		    'render-lone-cr). gen.js writes no lone "\\r" in a template.',
	},
];

// Which kind of refusal an exception of wontache's is, for the runner to
// compare with statusgen's error; anything else is "other", which agrees
// with no error of statusgen's.
const CAUSES = [
	['unclosed-tag', /^Unclosed tag/],
	['nesting', /^(Stray section end|No matching section end|Nonmatching keys)/],
	['bad-name', /^Bad name/],
	['depth', /^Maximum call stack size exceeded/],
];

function cause(e) {
	for (const [c, re] of CAUSES)
		if (re.test(String(e && e.message)))
			return c;
	return 'other';
}

const SOURCE = path.join(__dirname, 'node_modules', 'wontache',
    'mustache-umd.js');

// A wontache with the patches of the deviations in on, loaded from its
// source with underscore as its own require() finds it.
function engine(on) {
	let src = fs.readFileSync(SOURCE, 'utf8');
	for (const d of LIST) {
		if (!on[d.id])
			continue;
		for (const [from, to] of d.patch) {
			if (src.split(from).length !== 2)
				throw new Error('wontache-deviations.js: the patch of "' +
				    d.id + '" does not apply once to ' + SOURCE);
			src = src.replace(from, () => to);
		}
	}
	const m = { exports: {} };
	const req = (name) => require(require.resolve(name, { paths: [SOURCE] }));
	new Function('module', 'exports', 'require', src)(m, m.exports, req);
	return m.exports;
}

let engines = null;

function renderWith(mustache, template, data, partials) {
	try {
		return mustache(template)(data, { partials: Object.assign({},
		    partials) });
	} catch (e) {
		return { error: cause(e), message: String(e && e.message) };
	}
}

// The renderings of one case: "stock", "all", and when those differ
// one per deviation (as in deviations.js).
function render(template, data, partials) {
	if (engines === null) {
		const all = {};
		engines = { stock: engine({}) };
		for (const d of LIST) {
			const on = {};
			on[d.id] = all[d.id] = true;
			engines[d.id] = engine(on);
		}
		engines.all = engine(all);
	}
	const out = {};
	out.stock = renderWith(engines.stock, template, data, partials);
	out.all = renderWith(engines.all, template, data, partials);
	if (JSON.stringify(out.stock) === JSON.stringify(out.all))
		return out;
	for (const d of LIST)
		out[d.id] = renderWith(engines[d.id], template, data, partials);
	return out;
}

function list() {
	return LIST.map((d) => ({ id: d.id, title: d.title, why: d.why }));
}

function avoided() {
	return AVOIDED;
}

module.exports = { render, list, avoided };
