import { completionScript, type Shell, shells } from '../core/completion-scripts.js';
import { UsageError } from '../errors.js';
import { buildProgram } from '../program.js';
import { completionTree } from './completion-tree.js';
import { defineCommand } from './spec.js';

export default defineCommand({
  path: ['completion'],
  summary: 'Print a shell completion script for bash, zsh or fish',
  description:
    'Print a completion script: commands, subcommands, flags, providers, environments, Solaris event types and ' +
    'Soldo operation ids complete on Tab. The script holds the command tree, so Tab starts no process.',
  args: [{ name: 'shell', description: shells.join(', '), choices: shells }],
  examples: [
    'source <(fintech-cli completion bash)        # in ~/.bashrc',
    'source <(fintech-cli completion zsh)         # in ~/.zshrc, after compinit',
    'fintech-cli completion fish > ~/.config/fish/completions/fintech-cli.fish',
  ],
  async run({ args }, cx) {
    const shell = parseShell(args[0]);
    // Imported here: the command list includes this very command.
    const { commands } = await import('./index.js');
    cx.io.out(completionScript(shell, completionTree('fintech-cli', commands, buildProgram(cx, []).options)));
  },
});

function parseShell(value: string | undefined): Shell {
  const shell = shells.find((s) => s === value);
  if (shell !== undefined) return shell;
  throw new UsageError(`Unknown shell "${value ?? ''}".`, { hint: `Use one of: ${shells.join(', ')}.` });
}
