#!/usr/bin/env bash
# Prepares the real-VS Code test harness from Debian's apt and the npm registry only (no GitHub).
# Idempotent: every step checks first, so `npm test` can call it on every run for ~0.1 s.
# Runs as root in CI here; apt needs root (as another user it says what to run), the npm part does not.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

# chromium: the browser playwright-core drives (playwright's own browser download needs the CDN);
# ripgrep: stands in for @vscode/ripgrep's GitHub download (see below);
# libkrb5-dev: gssapi headers for code-server's `kerberos` native module, built from source here.
missing=()
for pkg in chromium ripgrep libkrb5-dev; do
	dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" != "0" ]; then
		# apt-get needs root: say what to run rather than fail halfway through with apt's own error.
		echo "setup: missing Debian packages: ${missing[*]}" >&2
		echo "setup: install them as root, then run this again:" >&2
		echo "setup:   sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
	echo "setup: apt-get install ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# code-server 4.100.3 ships @vscode/ripgrep 1.15.11, whose postinstall downloads rg from GitHub and
# fails the whole install offline. Its downloader takes a cached archive without any network access
# when this exact file exists, so seed it with Debian's rg (the same 13.0.0 line). The names in the
# path belong to this code-server version: re-read them from lib/vscode/npm-shrinkwrap.json and
# @vscode/ripgrep/lib/postinstall.js when bumping code-server.
rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
rg_archive="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$rg_archive" ]; then
	stage="$(mktemp -d)"
	cp "$(command -v rg)" "$stage/rg"
	mkdir -p "$rg_cache"
	tar czf "$rg_archive.partial" -C "$stage" rg
	mv "$rg_archive.partial" "$rg_archive"
	rm -rf "$stage"
fi

# The last files the install produces: code-server's nested VS Code install (with rg, seeded above)
# and playwright-core. If both exist and the lockfile has not changed since, the install is complete.
stamp="$here/node_modules/.harness-lock"
complete() {
	[ -x "$here/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] &&
		[ -f "$here/node_modules/playwright-core/package.json" ] &&
		[ -f "$stamp" ] && cmp -s "$stamp" "$here/package-lock.json"
}
if ! complete; then
	echo "setup: npm ci in test/harness (code-server native builds, about a minute, quiet)"
	start=$SECONDS
	# npm_config_unsafe_perm: code-server's postinstall refuses to run as root unless this variable
	# is set (npm 11 warns that it does not know the option but still exports it, which is enough).
	# npm_config_yes: node-pty's postinstall runs `npx node-gyp ...`, which must not wait for a prompt.
	(cd "$here" && npm_config_unsafe_perm=true npm_config_yes=true npm ci --no-audit --no-fund --loglevel=error)
	cp "$here/package-lock.json" "$stamp"
	echo "setup: npm ci took $((SECONDS - start))s"
fi

cs_version="$(node -p "require('$here/node_modules/code-server/package.json').version")"
echo "setup: harness ready (code-server $cs_version, $(chromium --version 2>/dev/null || echo 'chromium ?'))"
