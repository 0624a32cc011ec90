'use strict';
// Bundles the compiled entry of each thread a host boots on (the command line, the control thread,
// the audio worker, the bank thread) into one file each under dist/bundles/, with esbuild. Run by
// `npm run build` after tsc. A thread loading its own code from one file instead of 20 to 320
// compiled modules resolves, reads and compiles far less at boot: on this 2-core machine `start`
// was playable about 45 ms sooner (0.1 s less CPU by then), and about 150 ms sooner with the page
// cache dropped first, as on a module switched on from cold, where every file opened is a read
// from the SD card. npm packages stay outside (one copy per process, loaded as Node loads them),
// and so does what is loaded by path at run time (plugins, the build's schema validators).
//
// Compiled modules name files by their own folder (`__dirname`: a worker's script, the package
// root); in a bundle they would all name the bundle's folder. Each module gets its own `__dirname`
// and `__filename` declared at its top (esbuild keeps every CommonJS module in a function of its
// own), the same place found from the bundle's folder at run time, so the build can move; a
// `require.resolve('./x')` names its file from there too. Text in strings (a scaffold's templates)
// is left as it is.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
const outDir = path.join(dist, 'bundles');

/** The bundles, by the name core/threads/thread-bundles.ts gives them, and the compiled entry of each. */
const BUNDLES = {
  'neurorack-cli': 'core/cli/main.js',
  'control-thread': 'core/host/control/control-worker.js',
  'audio-thread': 'core/engine/audio-worker.js',
  'bank-thread': 'core/banks/bank-thread-worker.js',
};

/** The bundle's own folder, kept by the banner before any module declares its own `__dirname`. */
const BUNDLE_DIR = '__neurorackBundleDir';

const ownFolders = {
  name: 'own-folders',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(dist + path.sep)) return undefined;
      let source = fs.readFileSync(args.path, 'utf8');
      if (!/__dirname|__filename|require\.resolve\(/.test(source)) return { contents: source, loader: 'js' };
      const folder = `require("node:path").join(${BUNDLE_DIR}, ${JSON.stringify(path.relative(outDir, path.dirname(args.path)))})`;
      source = source.replace(/\brequire\.resolve\((['"])(\.\.?\/[^'"]*)\1\)/g, (_, q, rel) => `require.resolve(require("node:path").join(__dirname, ${JSON.stringify(rel)}))`);
      const own = `var __dirname = ${folder}, __filename = require("node:path").join(__dirname, ${JSON.stringify(path.basename(args.path))});`;
      // After the 'use strict' directive, which must stay first; on the same line, so the source map holds.
      const strict = /^(['"])use strict\1;/.exec(source);
      const contents = strict ? `${strict[0]} ${own}${source.slice(strict[0].length)}` : `${own} ${source}`;
      return { contents, loader: 'js' };
    });
  },
};

async function main() {
  fs.rmSync(outDir, { recursive: true, force: true });
  for (const [name, entry] of Object.entries(BUNDLES)) {
    await esbuild.build({
      entryPoints: [path.join(dist, entry)],
      outfile: path.join(outDir, `${name}.js`),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      packages: 'external',
      sourcemap: 'linked',
      banner: { js: `var ${BUNDLE_DIR} = __dirname;` },
      logLevel: 'warning',
      plugins: [ownFolders],
    });
  }
}

main().catch((err) => {
  process.stderr.write(`bundle-threads: ${err.stack || err}\n`);
  process.exit(1);
});
