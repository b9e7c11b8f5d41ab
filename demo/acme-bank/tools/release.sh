#!/bin/sh
# Tags a release of one workspace package: tools/release.sh services/payments 2.3.1
set -eu
dir="$1"
version="$2"
name=$(node -p "require('./$dir/package.json').name")
npm version "$version" --workspace "$dir" --no-git-tag-version
git tag "$name@$version"
