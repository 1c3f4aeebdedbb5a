import { completionScript, type Shell, shells } from '../core/completion-scripts.js';
import { UsageError } from '../errors.js';
import { globalOptions, versionFlags } from '../globals.js';
import { completionTree } from './completion-tree.js';
import { type CommandSpec, defineCommand } from './spec.js';

/**
 * The completion command, given every command through `loadCommands`: the registry, which lists this command too,
 * passes its own loader in, so neither module imports the other.
 */
export function completionCommand(loadCommands: () => Promise<readonly CommandSpec[]>): CommandSpec {
  return defineCommand({
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
      // The program's own options, as commander lists them: the version flags, then the global options.
      const programFlags = [versionFlags, ...globalOptions.map((option) => option.flags)];
      cx.io.out(completionScript(shell, completionTree('fintech-cli', await loadCommands(), programFlags)));
    },
  });
}

function parseShell(value: string | undefined): Shell {
  const shell = shells.find((s) => s === value);
  if (shell !== undefined) return shell;
  throw new UsageError(`Unknown shell "${value ?? ''}".`, { hint: `Use one of: ${shells.join(', ')}.` });
}
