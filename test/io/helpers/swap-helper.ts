// Child process for the swap tests: writes a report into argv[2] and, at the swap's rename named by
// argv[3] ("first" moves the old report aside, "second" moves the new one in), sends itself the
// signal argv[4] (SIGKILL: dies between the renames; SIGINT: Ctrl-C during the swap).
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { writeReportAtomic } from '../../../src/io/atomic/folder.ts';
import { resolveOutPath } from '../../../src/io/atomic/out-path.ts';

const [out, at, signal] = process.argv.slice(2);
const rename = fs.renameSync;
let n = 0;
fs.renameSync = (from: fs.PathLike, to: fs.PathLike) => {
  n++;
  if ((at === 'first' && n === 1) || (at === 'second' && n === 2)) process.kill(process.pid, signal as NodeJS.Signals);
  rename(from, to);
};
syncBuiltinESMExports();
const w = await writeReportAtomic(resolveOutPath(out, '--out', 'folder', process.cwd()), [
  { path: 'index.html', content: 'new' },
]);
process.stdout.write(`wrote ${w.files.length} files\n`);
