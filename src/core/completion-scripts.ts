/**
 * Shell completion scripts generated from the command tree. The scripts carry the tree as data (case tables) and
 * one small function that finds the command path in the words typed so far: no process is started on Tab.
 * zsh runs the bash script through bashcompinit, so bash and zsh share one implementation.
 */

export interface CompletionCommand {
  /** Words after the program name, `[]` for the program itself. */
  path: readonly string[];
  subcommands: readonly string[];
  /** Every flag the command accepts, short and long, global ones included. */
  options: readonly string[];
  /** Values offered for each positional argument; the last one repeats when `variadic`. */
  args: readonly (readonly string[])[];
  variadic: boolean;
  /** The flags that take a value, with what it completes to (`--event-type` differs between commands). */
  optionValues: ReadonlyMap<string, OptionValues>;
}

/** What the word after a flag that takes a value completes to. */
export type OptionValues = readonly string[] | 'files';

export interface CompletionTree {
  program: string;
  commands: readonly CompletionCommand[];
}

export const shells = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof shells)[number];

export function completionScript(shell: Shell, tree: CompletionTree): string {
  switch (shell) {
    case 'bash':
      return `# bash completion for ${tree.program}. Load it with: source <(${tree.program} completion bash)\n${bashBody(tree)}`;
    case 'zsh':
      return (
        `# zsh completion for ${tree.program}. Load it with: source <(${tree.program} completion zsh)\n` +
        '(( $+functions[compdef] )) || { autoload -U +X compinit && compinit; }\n' +
        'autoload -U +X bashcompinit && bashcompinit\n' +
        bashBody(tree)
      );
    case 'fish':
      return fishScript(tree);
  }
}

/** Only these characters appear unquoted in the generated tables; anything else is left out, never half-quoted. */
const SAFE_WORD = /^[\w@%+,.:/=-]+$/;

function words(list: readonly string[]): string {
  return list.filter((word) => SAFE_WORD.test(word)).join(' ');
}

/** Names without characters a shell function name cannot have. */
function functionPrefix(program: string): string {
  return `_${program.replace(/\W/g, '_')}`;
}

interface Table {
  /** The key pattern, already quoted for the shell. */
  key: string;
  values: string;
}

function tables(tree: CompletionTree, quote: (key: string) => string, glob: (prefix: string) => string) {
  const key = (path: readonly string[]) => path.join(' ');
  const subcommands: Table[] = tree.commands.filter((c) => c.subcommands.length > 0).map((c) => ({ key: quote(key(c.path)), values: words(c.subcommands) }));
  const options: Table[] = tree.commands.map((c) => ({ key: quote(key(c.path)), values: words(c.options) }));
  const args: Table[] = tree.commands.flatMap((c) =>
    c.args.map((values, i) => ({
      key: c.variadic && i === c.args.length - 1 ? glob(`${key(c.path)} `) : quote(`${key(c.path)} ${i}`),
      values: words(values),
    })),
  );
  const values: Table[] = tree.commands.flatMap((c) =>
    [...c.optionValues]
      .filter((entry): entry is [string, readonly string[]] => entry[1] !== 'files' && entry[1].length > 0)
      .map(([flag, list]) => ({ key: quote(`${key(c.path)} ${flag}`), values: words(list) })),
  );
  const flags = (files: boolean) => new Set(tree.commands.flatMap((c) => [...c.optionValues].filter(([, v]) => !files || v === 'files').map(([flag]) => flag)));
  return { subcommands, options, args, values, valueFlags: words([...flags(false)]), fileFlags: words([...flags(true)]) };
}

function bashCase(name: string, rows: readonly Table[]): string {
  const cases = rows.map((row) => `    ${row.key}) echo '${row.values}' ;;`).join('\n');
  return `${name}() {\n  case "$1" in\n${cases}\n  esac\n}\n`;
}

function bashBody(tree: CompletionTree): string {
  const f = functionPrefix(tree.program);
  const t = tables(tree, (k) => `'${k}'`, (prefix) => `'${prefix}'*`);
  // Locals avoid `path` and `words`, which zsh reserves, and arrays are indexed from 0 (bashcompinit emulates sh).
  return `${bashCase(`${f}_subcommands`, t.subcommands)}${bashCase(`${f}_options`, t.options)}${bashCase(`${f}_args`, t.args)}${bashCase(`${f}_values`, t.values)}
${f}_value_flags=' ${t.valueFlags} '
${f}_file_flags=' ${t.fileFlags} '

${f}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmdpath='' word candidates i argn=0
  COMPREPLY=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ $word == -* ]]; then
      [[ $${f}_value_flags == *" $word "* ]] && i=$((i + 1))
    elif [[ $argn == 0 && " $(${f}_subcommands "$cmdpath") " == *" $word "* ]]; then
      cmdpath="\${cmdpath:+$cmdpath }$word"
    else
      argn=$((argn + 1))
    fi
  done
  if [[ $COMP_CWORD -gt 1 && $${f}_value_flags == *" $prev "* ]]; then
    if [[ $${f}_file_flags == *" $prev "* ]]; then
      COMPREPLY=($(compgen -f -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$(${f}_values "$cmdpath $prev")" -- "$cur"))
    fi
    return 0
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(${f}_options "$cmdpath")" -- "$cur"))
    return 0
  fi
  candidates="$(${f}_args "$cmdpath $argn")"
  [[ $argn == 0 ]] && candidates="$(${f}_subcommands "$cmdpath") $candidates"
  COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
  return 0
}
complete -F ${f} ${tree.program}
`;
}

function fishSwitch(name: string, rows: readonly Table[]): string {
  const cases = rows.map((row) => `        case ${row.key}\n            printf '%s\\n' ${row.values}`).join('\n');
  return `function ${name}\n    switch "$argv[1]"\n${cases}\n    end\nend\n`;
}

function fishScript(tree: CompletionTree): string {
  const f = `_${functionPrefix(tree.program)}`;
  const t = tables(tree, (k) => `'${k}'`, (prefix) => `'${prefix}*'`);
  return `# fish completion for ${tree.program}. Load it with: ${tree.program} completion fish | source
${fishSwitch(`${f}_subcommands`, t.subcommands)}${fishSwitch(`${f}_options`, t.options)}${fishSwitch(`${f}_args`, t.args)}${fishSwitch(`${f}_values`, t.values)}set -g ${f}_value_flags ${t.valueFlags}
set -g ${f}_file_flags ${t.fileFlags}

function ${f}_complete
    set -l typed (commandline -opc)
    set -l current (commandline -ct)
    set -l prev $typed[-1]
    set -e typed[1]
    set -l cmdpath ''
    set -l argn 0
    set -l skip 0
    for word in $typed
        if test $skip = 1
            set skip 0
        else if string match -q -- '-*' $word
            contains -- $word $${f}_value_flags; and set skip 1
        else if test $argn = 0; and contains -- $word (${f}_subcommands "$cmdpath")
            set cmdpath (string trim -- "$cmdpath $word")
        else
            set argn (math $argn + 1)
        end
    end
    if test (count $typed) -gt 0; and contains -- $prev $${f}_value_flags
        if contains -- $prev $${f}_file_flags
            __fish_complete_path $current
        else
            ${f}_values "$cmdpath $prev"
        end
        return
    end
    if string match -q -- '-*' $current
        ${f}_options "$cmdpath"
        return
    end
    test $argn = 0; and ${f}_subcommands "$cmdpath"
    ${f}_args "$cmdpath $argn"
end
complete -c ${tree.program} -f -a '(${f}_complete)'
`;
}
