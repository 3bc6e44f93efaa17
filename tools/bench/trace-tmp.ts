import { fixture, startSystem, uploadForm } from '../../apps/gateway/test/system-harness';
async function main() {
  const system = await startSystem({ workers: 1 });
  try {
    const admin = await system.adminToken();
    const client = await system.companyUser(admin, 'CLIENT_SERVICE');
    const photo = { name: 'footballer.jpg', bytes: fixture('footballer.jpg') };
    const ids: [string, number, number][] = [];
    for (let n = 0; n < 12; n++) {
      const id = `trace-${n}-${Date.now()}`; const sentAt = Date.now();
      await system.api('POST', '/api/folders/', { token: client.token, headers: { 'X-Request-Id': id }, form: uploadForm({ photo1: photo }, { 'media:tags': { photo1: ['photo_selfie'] }, analyses: [{ type: 'quality', params: { extract_best_shot: true } }] }) });
      ids.push([id, sentAt, Date.now()]);
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500));
    const lines: any[] = [];
    for (const p of system.allProcesses()) for (const t of p.output().split('\n')) { if (!t.startsWith('{')) continue; try { lines.push(JSON.parse(t)); } catch {} }
    for (const [id, sentAt, answeredAt] of ids.slice(-4)) {
      console.log('=== ' + id);
      const mine = lines.filter((l) => JSON.stringify(l).includes(id)).sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
      for (const l of mine) { const { time, service, message, ...rest } = l; console.log(String(Date.parse(time) - sentAt).padStart(5), service.padEnd(16), message, JSON.stringify(rest).slice(0, 600)); }
      console.log(String(answeredAt - sentAt).padStart(5), 'client answered');
    }
  } finally { await system.close(); }
}
main().catch((e) => { console.error(e); process.exit(1); });
