const fs = require('fs'); const f = process.argv[2];
const p = JSON.parse(fs.readFileSync(f));
const self = new Map(); const byId = new Map(p.nodes.map(n => [n.id, n]));
const dt = {}; for (let i = 0; i < p.samples.length; i++) dt[p.samples[i]] = (dt[p.samples[i]] || 0) + (p.timeDeltas[i] || 0);
for (const n of p.nodes) { const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '')}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) || 0) + (dt[n.id] || 0)); }
const byPkg = new Map(); for (const n of p.nodes) { const m = n.callFrame.url.match(/node_modules\/((@[^/]+\/)?[^/]+)/); const k = m ? m[1] : (n.callFrame.url ? n.callFrame.url.slice(-40) : n.callFrame.functionName); byPkg.set(k, (byPkg.get(k) || 0) + (dt[n.id] || 0)); }
console.log([...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${(v / 1000).toFixed(0)}ms ${k}`).join('\n'));
console.log('---');
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / 1000).toFixed(0)}ms ${k}`).join('\n'));
