// `npm run cli -- classify|text [options]`: the playground's engines from the command line.
import { runClassifyCli } from './classify';
import { runTextCli } from './text';

const USAGE = `usage: npm run cli -- <command> [options]

commands:
  classify   train the tutorial's 3-layer network (see: npm run cli -- classify --help)
  text       train a character-level language model (see: npm run cli -- text --help)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'classify':
      return runClassifyCli(rest);
    case 'text':
      return runTextCli(rest);
    case undefined:
    case '--help':
    case '-h':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
