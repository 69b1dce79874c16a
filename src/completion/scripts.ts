// The completion scripts for bash, zsh and fish. Each one asks `negotiate __complete -- <words…>` for the
// candidates, so completion follows the program's commands and the loaded guides with no regeneration.
import { COMPLETE_COMMAND, DIRS_DIRECTIVE, FILES_DIRECTIVE } from './complete.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** How to install each script, as printed by `negotiate completion --help` and the README. */
export const INSTALL_LINES: Record<Shell, string[]> = {
  bash: [
    "echo 'source <(negotiate completion bash)' >> ~/.bashrc",
    'or: negotiate completion bash > ~/.local/share/bash-completion/completions/negotiate',
  ],
  zsh: [
    'negotiate completion zsh > "${fpath[1]}/_negotiate"   (then start a new shell)',
    'or, after compinit in ~/.zshrc: source <(negotiate completion zsh)',
  ],
  fish: ['negotiate completion fish > ~/.config/fish/completions/negotiate.fish'],
};

const header = (shell: Shell, bin: string) =>
  [
    `# ${shell} completion for ${bin}: commands, options, and company, role and region names from the loaded guides.`,
    ...INSTALL_LINES[shell].map((l) => `#   ${l}`),
  ].join('\n');

function bashScript(bin: string): string {
  return `${header('bash', bin)}
_negotiate_complete() {
  local cur=\${COMP_WORDS[COMP_CWORD]} line
  local -a lines=()
  COMPREPLY=()
  while IFS= read -r line; do lines+=("$line"); done < <(${bin} ${COMPLETE_COMMAND} -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
  case \${lines[0]-} in
    ${FILES_DIRECTIVE}|${DIRS_DIRECTIVE})
      [[ $cur == = ]] && cur=
      compopt -o filenames 2>/dev/null
      local flag=-f
      [[ \${lines[0]} == ${DIRS_DIRECTIVE} ]] && flag=-d
      while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen $flag -- "$cur")
      ;;
    *)
      for line in "\${lines[@]}"; do
        # Names with spaces ("San Francisco") are escaped unless the word was opened with a quote.
        if [[ $cur == [\\"\\']* ]]; then COMPREPLY+=("$line"); else COMPREPLY+=("$(printf '%q' "$line")"); fi
      done
      ;;
  esac
}
complete -F _negotiate_complete ${bin}
`;
}

function zshScript(bin: string): string {
  return `#compdef ${bin}
${header('zsh', bin)}
_negotiate() {
  local -a lines described plain
  local line
  lines=("\${(@f)$(${bin} ${COMPLETE_COMMAND} --describe -- "\${(@Q)words[2,CURRENT]}" 2>/dev/null)}")
  case $lines[1] in
    ${FILES_DIRECTIVE}) _files ;;
    ${DIRS_DIRECTIVE}) _files -/ ;;
    *)
      # Commands and options come as "name<TAB>what it is for"; names and values come alone.
      for line in $lines; do
        if [[ $line == *$'\\t'* ]]; then described+=("\${\${line%%$'\\t'*}//:/\\:}:\${line#*$'\\t'}"); else plain+=("$line"); fi
      done
      (( \${#described} )) && _describe -t commands-or-options negotiate described
      (( \${#plain} )) && compadd -- "\${plain[@]}"
      ;;
  esac
}
if [[ \${zsh_eval_context[-1]} == loadautoload ]]; then
  _negotiate "$@"
else
  compdef _negotiate ${bin}
fi
`;
}

function fishScript(bin: string): string {
  return `${header('fish', bin)}
function __negotiate_complete
    set -l words (commandline -opc) (commandline -ct)
    set -e words[1]
    set -l lines (${bin} ${COMPLETE_COMMAND} --describe -- $words 2>/dev/null)
    switch "$lines[1]"
        case ${FILES_DIRECTIVE}
            __fish_complete_path (commandline -ct)
        case ${DIRS_DIRECTIVE}
            __fish_complete_directories (commandline -ct)
        case '*'
            printf '%s\\n' $lines
    end
end
complete -c ${bin} -f -a '(__negotiate_complete)'
`;
}

/** The completion script for a shell. */
export function completionScript(shell: Shell, bin = 'negotiate'): string {
  return shell === 'bash' ? bashScript(bin) : shell === 'zsh' ? zshScript(bin) : fishScript(bin);
}
