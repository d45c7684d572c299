// Builds the extension. Two bundles:
//  - the extension (platform node, cjs, `vscode` external). It has two entry points: the
//    activation chunk dist/extension.js and the AWS layer dist/aws.js (the SDK and everything
//    that talks to AWS). The activation chunk reaches the AWS layer only through a lazy
//    `import('./aws')`, which the plugin below turns into a runtime require of ./aws.js, so
//    activating the extension never loads the AWS SDK.
//  - the webview pages (platform browser, iife) with their CSS: the error-details view and the
//    fleet report.
// Usage: node esbuild.mjs [--production] [--watch] [--metafile]
import * as esbuild from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const metafile = process.argv.includes('--metafile');

const awsEntry = resolve('src/aws/index.ts');

// A one-shot build starts from an empty dist/ so no stale file (an old sourcemap) gets packaged.
if (!watch) rmSync('dist', { recursive: true, force: true });

/** Keeps the AWS layer out of the activation chunk: `import('./aws')` → require('./aws.js'). */
const lazyAwsPlugin = {
  name: 'lazy-aws',
  setup(build) {
    build.onResolve({ filter: /(^|\/)aws(\/index)?$/ }, async (args) => {
      if (args.pluginData?.lazyAws) return undefined;
      const result = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: { lazyAws: true },
      });
      if (result.path === awsEntry && args.kind === 'dynamic-import') {
        return { path: './aws.js', external: true };
      }
      if (result.path === awsEntry) {
        throw new Error(`${args.importer} imports the AWS layer statically; use the lazy loader (src/awsLoader.ts)`);
      }
      return undefined;
    });
  },
};

/** Logs build results in watch mode (the problem matcher in .vscode/tasks.json reads these lines). */
const watchLogPlugin = {
  name: 'watch-log',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: watch ? 'silent' : 'warning',
  metafile,
  legalComments: 'none',
  plugins: watch ? [watchLogPlugin] : [],
};

const contexts = await Promise.all([
  esbuild.context({
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [lazyAwsPlugin, ...common.plugins],
  }),
  esbuild.context({
    ...common,
    entryPoints: { aws: 'src/aws/index.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // The SDK ships ESM and CJS builds; prefer the module field for better tree shaking.
    mainFields: ['module', 'main'],
  }),
  esbuild.context({
    ...common,
    // Each page's main.ts imports its main.css, so esbuild emits dist/webview/errorDetails.css beside
    // errorDetails.js (and the fleet report's, with Chart.js bundled in, report.js and report.css).
    entryPoints: {
      'webview/errorDetails': 'src/webview/errorDetails/page/main.ts',
      'webview/report': 'src/webview/report/page/main.ts',
    },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  }),
]);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (metafile) {
    mkdirSync('dist', { recursive: true });
    const names = ['extension', 'aws', 'webview'];
    results.forEach((r, i) => writeFileSync(`dist/meta-${names[i]}.json`, JSON.stringify(r.metafile)));
    for (const [i, r] of results.entries()) {
      console.log(`--- ${names[i]} ---`);
      console.log(await esbuild.analyzeMetafile(r.metafile, { verbose: false }));
    }
  }
}
