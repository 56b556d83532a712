/**
 * The page's style sheet. Kept as a string module so that every runtime serves it with no build
 * step and no file to copy: tsx and vitest import it as it is, esbuild inlines it into the Lambda
 * bundle. Colours are chosen for at least 4.5:1 contrast of text on its background.
 */
export const STYLE_CSS = String.raw`
:root {
  --ink: #1b1f24;
  --muted: #4a5561;
  --line: #cfd6de;
  --paper: #ffffff;
  --wash: #f3f6f9;
  --accent: #0b5cad;
  --accent-ink: #ffffff;
  --danger: #a3262a;
  --ok: #1d6b32;
  --warn: #7a4d00;
  --mark: #ffe58a;
  --focus: #c2410c;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif;
  font-size: 16px;
  line-height: 1.5;
  color: var(--ink);
  background: var(--wash);
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--accent); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -10000px; top: 0; background: var(--paper); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 1rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

header.top { background: #12355b; color: #fff; padding: .6rem 1.5rem; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 2rem; }
header.top a { color: #fff; }
.brand { margin: 0; display: flex; flex-direction: column; }
.brand a { font-weight: 700; font-size: 1.2rem; text-decoration: none; }
.tagline { font-size: .85rem; color: #d6e4f3; }
header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
header nav a { text-decoration: none; padding: .25rem .1rem; border-bottom: 3px solid transparent; }
header nav a[aria-current="page"] { border-bottom-color: #ffd166; }
.who { margin-left: auto; display: flex; gap: .75rem; align-items: center; font-size: .9rem; }
.who button { font-size: .85rem; }

main { max-width: 72rem; margin: 1.5rem auto 3rem; padding: 0 1.5rem; }
main:focus { outline: none; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: .2rem 0 .6rem; }
h1:focus { outline: none; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .5rem; }
.lead, .wording { color: var(--muted); max-width: 50rem; }
.loading { color: var(--muted); }
.error { color: var(--danger); font-weight: 600; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85em; background: var(--wash); padding: 0 .2em; border-radius: 3px; overflow-wrap: anywhere; }

button, .button { font: inherit; background: var(--accent); color: var(--accent-ink); border: 1px solid var(--accent); border-radius: 4px; padding: .45rem .9rem; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: var(--paper); color: var(--accent); }
button.small { padding: .15rem .5rem; font-size: .85rem; }
button.danger { background: var(--paper); color: var(--danger); border-color: var(--danger); }
button[disabled] { opacity: .6; cursor: wait; }
input, select { font: inherit; font-weight: 400; padding: .35rem .45rem; border: 1px solid #8794a1; border-radius: 4px; background: var(--paper); color: var(--ink); max-width: 100%; }
label { display: flex; flex-direction: column; gap: .2rem; font-weight: 600; font-size: .92rem; }

.themes { display: grid; grid-template-columns: repeat(auto-fill, minmax(21rem, 1fr)); gap: 1rem; }
.theme { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem 1rem; }
.theme h2 { margin-top: .5rem; font-size: 1.05rem; }
.theme-no { display: block; font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.elements { list-style: none; margin: 0; padding: 0; }
.elements li { display: flex; justify-content: space-between; gap: 1rem; padding: .3rem 0; border-top: 1px solid var(--wash); }
.count { white-space: nowrap; color: var(--ok); font-weight: 600; font-size: .9rem; }
.count.zero { color: var(--muted); font-weight: 400; }
.el-id { font-weight: 700; }

.filters { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: flex-end; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; }
.filters input[type="number"] { width: 6rem; }
.filters .actions { display: flex; gap: .75rem; align-items: center; }
.summary { color: var(--muted); }
.results { list-style: none; padding: 0; margin: 0; }
.result { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; }
.result h2 { margin: 0 0 .2rem; font-size: 1.1rem; }
.meta { color: var(--muted); margin: 0 0 .4rem; font-size: .92rem; }
.evidence { list-style: none; padding: 0; margin: 0; }
.evidence li { border-left: 4px solid var(--line); padding: .1rem 0 .1rem .75rem; margin: .5rem 0; }
.where-line { margin: 0; font-size: .88rem; color: var(--muted); }
blockquote { margin: .2rem 0; }
mark { background: var(--mark); color: var(--ink); padding: 0 .1em; border-radius: 2px; }
.terms { display: block; font-size: .8rem; color: var(--muted); }
.score { font-variant-numeric: tabular-nums; font-weight: 600; }
.score.none { font-weight: 400; font-style: italic; }
.badge { display: inline-block; margin-left: .4rem; font-size: .78rem; padding: 0 .4rem; border-radius: 3px; border: 1px solid currentColor; }
.badge.machine { color: var(--muted); }
.badge.review.confirm, .badge.review.add, .badge.reviewed { color: var(--ok); }
.badge.review.reject { color: var(--danger); }
.badge .comment { font-style: italic; margin-left: .3rem; }
.reviewer-added { margin-top: 2rem; }

.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.facts p { margin: .2rem 0 0; }
.key { display: block; width: fit-content; }
.technical { font-size: .8rem; color: var(--muted); }
.status { font-weight: 700; }
.status.tagged { color: var(--ok); }
.status.failed { color: var(--danger); }
.status.needs-ocr { color: var(--warn); }
.status.received, .status.processing { color: var(--muted); }
.reason { margin: .2rem 0; }
.chips { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
.chip { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .35rem .7rem; display: flex; flex-direction: column; }
.chip.reviewed { border-color: var(--ok); }
.chip-facts { font-size: .82rem; color: var(--muted); }
.also { color: var(--muted); font-size: .92rem; }
.legend { font-size: .85rem; color: var(--muted); }
.paragraphs { list-style: none; padding: 0; }
.para { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .6rem 1rem; margin: .6rem 0; }
.para.kind-heading .text { font-weight: 700; }
.para:target, .para.focus { box-shadow: 0 0 0 3px var(--focus); }
.para .text { margin: .3rem 0; max-width: 60rem; }
.tags { list-style: none; padding: 0; margin: .3rem 0; display: flex; flex-direction: column; gap: .25rem; }
.tag { font-size: .9rem; padding: .15rem .5rem; border-radius: 4px; border: 1px solid var(--line); width: fit-content; max-width: 100%; }
.tag.machine { background: #eef4fb; }
.tag.machine.reviewed, .tag.reviewer { background: #e8f4ec; border-color: var(--ok); }
.tag.rejected { background: #fbeeee; border-color: var(--danger); }
.tag .terms { display: inline; margin-left: .4rem; }
.legend .tag { display: inline-block; }
.review-form { border-top: 1px dashed var(--line); margin-top: .4rem; padding-top: .4rem; display: grid; gap: .3rem; }
.review-actions { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
.review-actions .pair { display: inline-flex; gap: .25rem; }
.review-actions label.add { flex-direction: row; }
.review-comment { display: flex; gap: .5rem; align-items: center; }
.review-form label.comment { font-size: .85rem; font-weight: 400; color: var(--muted); white-space: nowrap; }
.review-form input[name="comment"] { flex: 1; max-width: 36rem; padding: .2rem .4rem; }
.review-status { margin: 0; font-size: .85rem; color: var(--ok); min-height: 1em; }

.upload fieldset { border: 1px solid var(--line); border-radius: 6px; background: var(--paper); }
.upload .fields { display: flex; flex-wrap: wrap; gap: 1rem; }
.dropzone input[type="file"] { margin: .5rem auto; }
.dropzone { margin-top: 1rem; border: 2px dashed #7a8896; border-radius: 8px; background: var(--paper); padding: 1.5rem; text-align: center; }
.dropzone.over { border-color: var(--accent); background: #e8f1fb; }
.chosen { color: var(--muted); margin: .3rem 0 0; }
.uploads { list-style: none; padding: 0; }
.uploads li { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; margin: .4rem 0; }
.uploads .file { font-weight: 600; }
.uploads .state { margin-left: .5rem; }
.uploads .state.tagged { color: var(--ok); font-weight: 700; }
.uploads .state.failed { color: var(--danger); font-weight: 700; }
.uploads .state.needs-ocr { color: var(--warn); font-weight: 700; }
.uploads .detail { margin: .2rem 0 0; font-size: .9rem; }
.uploads .empty { color: var(--muted); background: none; border: none; padding: 0; }

.toolbar { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 1rem; margin: .5rem 0 1rem; }
.tabs ul { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; margin: .5rem 0; }
.tabs a { display: inline-block; padding: .25rem .7rem; border: 1px solid var(--line); border-radius: 999px; background: var(--paper); text-decoration: none; }
.tabs a[aria-current="page"] { background: var(--accent); color: var(--accent-ink); border-color: var(--accent); }
.heatmap-wrap { overflow-x: auto; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; }
.heatmap { border-collapse: collapse; font-size: .82rem; font-variant-numeric: tabular-nums; }
.heatmap th, .heatmap td { border: 1px solid var(--line); padding: .25rem .3rem; text-align: center; min-width: 2.1rem; }
.heatmap thead th { position: sticky; top: 0; background: var(--paper); }
.heatmap .rowhead { text-align: left; min-width: 12rem; max-width: 20rem; font-weight: 400; }
.heatmap .rowhead .n { color: var(--muted); font-size: .78rem; }
.heatmap abbr { text-decoration: none; font-weight: 700; }
.heatmap td.h1 { background: #e6f0fa; }
.heatmap td.h2 { background: #c4dbf3; }
.heatmap td.h3 { background: #93bde8; }
.heatmap td.h4 { background: #2f6db5; color: #fff; }
.heatmap td.h5 { background: #163f6e; color: #fff; }
.heatmap td.reviewed { outline: 2px solid var(--ok); outline-offset: -3px; }
.heatmap .mark { margin-left: .15rem; }
.doclist { list-style: none; padding: 0; }
.doclist li { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; margin: .5rem 0; }
.doclist h2 { margin: 0; font-size: 1.05rem; }
.doclist p { margin: .15rem 0; }
.decisions { list-style: none; padding: 0; }
.decisions li { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .4rem 1rem; margin: .4rem 0; }
.decisions p { margin: .15rem 0; }
.signin { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; max-width: 34rem; }
.signin form { display: grid; gap: .6rem; }
`;
