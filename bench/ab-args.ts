/** The side-by-side benches' command line: `--size N --rounds N` and the build folders to compare. */
export function abArgs(args: readonly string[], rounds: number): { size: number; rounds: number; builds: string[] } {
  const opt = (name: string, fallback: number): number => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const builds = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (builds.length === 0) throw new Error('name at least one build folder (holding chrome/ and firefox/)');
  return { size: opt('--size', 1_000_000), rounds: opt('--rounds', rounds), builds };
}
