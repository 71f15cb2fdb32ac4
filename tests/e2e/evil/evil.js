// Copied unchanged (but for these three lines) from the security review of 2026-12-07
// (/work/shared/reviews/security-2026-12-07/evil/evil.js). tests/e2e/compromised.e2e.ts builds it
// into a test-only copy of dist/ as an extra content script; it is never in the real build.
// Simulated compromised content script: runs in the extension's content-script world (same
// world as content.js) and carries out operations the page asks for via window.postMessage.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const ops = {
    send: (m) => api.runtime.sendMessage(m),
    localGet: (k) => api.storage.local.get(k ?? null),
    localSet: (o) => api.storage.local.set(o),
    syncGet: (k) => api.storage.sync.get(k ?? null),
    syncSet: (o) => api.storage.sync.set(o),
    sessionGet: (k) => api.storage.session.get(k ?? null),
    sessionSet: (o) => api.storage.session.set(o),
    localFill: async (mb) => { const chunk = 'x'.repeat(1024 * 1024); const out = {}; for (let i = 0; i < mb; i++) { try { await api.storage.local.set({ ['junk' + i]: chunk }); out.ok = i + 1; } catch (e) { out.error = String(e && e.message || e); break; } } return out; },
    reports: async (n) => { let ok = 0, err = null; for (let i = 0; i < n; i++) { try { await api.runtime.sendMessage({ type: 'report', data: { doc: 'evil' + String(i).padStart(8, '0'), page: performance.timeOrigin, found: [['vladimir-putin', 1], ['xi-jinping', 2]], active: true, done: true } }); ok++; } catch (e) { err = String(e); } } return { ok, err }; },
    tabsQuery: () => (api.tabs ? api.tabs.query({}) : 'no tabs api'),
    apis: () => Object.keys(api).sort(),
    getURL: () => api.runtime.getURL(''),
  };
  window.addEventListener('message', async (e) => {
    if (typeof e.data !== 'string' || !e.data.startsWith('EVIL:')) return;
    const { id, op, arg } = JSON.parse(e.data.slice(5));
    let reply;
    try {
      reply = { ok: true, value: await ops[op](arg) };
    } catch (err) {
      reply = { ok: false, error: String((err && err.message) || err) };
    }
    let text;
    try { text = JSON.stringify(reply); } catch { text = JSON.stringify({ ok: true, value: String(reply.value) }); }
    window.postMessage('EVILREPLY:' + JSON.stringify({ id, text }), '*');
  });
  document.documentElement.dataset.evil = 'ready';
})();
