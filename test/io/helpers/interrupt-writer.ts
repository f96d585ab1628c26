// Child process for the Ctrl-C test: starts an atomic report write into argv[2], writes two files,
// prints "ready", then waits (as a slow chart render would) until the parent sends SIGINT.
import { writeReportAtomic, type ReportFile } from '../../../src/io/atomic/folder.ts';
import { resolveOutPath } from '../../../src/io/atomic/out-path.ts';

async function* files(): AsyncGenerator<ReportFile> {
  yield { path: 'index.html', content: '<p>new report</p>' };
  yield { path: 'data/headroom.csv', content: 'year\n2030\n' };
  process.stdout.write('ready\n');
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  yield { path: 'late.txt', content: 'never written' };
}

await writeReportAtomic(resolveOutPath(process.argv[2], '--out', 'folder', process.cwd()), files());
