// `npm run cli -- …`: runs the command line from its bundle (dist-cli/, scripts/cliBundle.mjs), rebuilding it
// first when a source is newer, so the first line of output comes at once instead of after a compile.
import { pathToFileURL } from 'node:url';
import { BUNDLE, buildCliBundle, bundleIsFresh } from './cliBundle.mjs';

if (!bundleIsFresh()) await buildCliBundle();
await import(pathToFileURL(BUNDLE).href);
