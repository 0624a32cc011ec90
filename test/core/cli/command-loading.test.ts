import { strict as assert } from 'node:assert';
import { inFreshNode, LOADED_MODULES as LOADED } from '../../helpers/fresh-node';

describe('what a command loads before it runs (boot to sound)', function () {
  this.timeout(120_000);

  it('loads only the module of the command it runs (here `service print`), not the host, the web server or ONNX Runtime', () => {
    const loaded = inFreshNode(`
      require('reflect-metadata');
      require('./dist/core/cli/main.js').main(['service', 'print'], { stdout: { write() {} }, stderr: process.stderr, cwd: process.cwd() })
        .then((code) => console.log(JSON.stringify({ code, loaded: ${LOADED} })));
    `) as { code: number; loaded: string[] };
    assert.equal(loaded.code, 0);
    const commands = loaded.loaded.filter((f) => f.startsWith('dist/core/cli/commands/')).sort();
    assert.deepEqual(commands, ['dist/core/cli/commands/index.js', 'dist/core/cli/commands/service.js']);
    for (const heavy of ['node_modules/fastify/', 'node_modules/onnxruntime-node/', 'node_modules/canvas/', 'dist/core/host/host.js']) {
      assert.ok(!loaded.loaded.some((f) => f.startsWith(heavy)), `${heavy} not loaded`);
    }
  });

  it('`start` does not load the web server before the host plays (it is imported once the host is ready)', () => {
    const loaded = inFreshNode(`require('reflect-metadata'); require('./dist/core/cli/commands/start.js'); console.log(JSON.stringify(${LOADED}));`) as string[];
    assert.ok(loaded.includes('dist/core/host/host.js'), 'the host is loaded');
    const web = loaded.filter((f) => /^node_modules\/(fastify|@fastify|ws)\//.test(f) || f === 'dist/core/host/start-web.js');
    assert.deepEqual(web, []);
  });

  it('still lists every command in --help', () => {
    const help = inFreshNode(`
      require('reflect-metadata');
      let text = '';
      require('./dist/core/cli/main.js').main(['--help'], { stdout: { write(s) { text += s; } }, stderr: process.stderr, cwd: process.cwd() })
        .then(() => console.log(JSON.stringify(text)));
    `) as string;
    for (const name of ['start', 'plugins', 'plugin', 'doctor', 'docs', 'descriptors', 'bank', 'synth-impacts', 'screenshot', 'run', 'dataset', 'model', 'render', 'eval', 'service']) {
      assert.match(help, new RegExp(`\\n  ${name} `), `--help lists ${name}`);
    }
  });
});
