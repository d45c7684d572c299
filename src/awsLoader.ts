// The one door from the VS Code layer to the AWS layer. `import('./aws')` is turned by esbuild
// (esbuild.mjs, lazy-aws plugin) into a runtime require of dist/aws.js, so the AWS SDK is loaded
// the first time data is needed, never at activation.
import type * as Aws from './aws';

export type AwsModule = typeof Aws;

let loading: Promise<AwsModule> | undefined;

export function loadAws(): Promise<AwsModule> {
  loading ??= import('./aws');
  return loading;
}

/** True once the AWS layer (and so the SDK) has been requested; used by tests and the benchmark. */
export function isAwsLoaded(): boolean {
  return loading !== undefined;
}
