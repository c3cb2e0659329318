# Shared steps of the scripts that build third-party guests from Debian source packages.
# Source it from a build script; it uses the caller's `die` (print and exit).

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# need_packages PKG...: installs the packages that are missing (and only then updates apt).
need_packages() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
    done
    if ((${#missing[@]})); then
        echo "installing ${missing[*]}"
        as_root apt-get update
        as_root apt-get install -y --no-install-recommends "${missing[@]}"
    fi
}

# fetch_debian_source NAME VERSION DSC_SHA256 BUILD_DIR: downloads NAME=VERSION once (enabling
# deb-src if no source index exists), checks the .dsc against the pinned sha256, and unpacks
# it fresh into BUILD_DIR/NAME (dpkg-source checks the tarballs against the .dsc).
fetch_debian_source() {
    local name=$1 version=$2 dsc_sha256=$3 build_dir=$4
    if [[ -z "$(apt-cache showsrc "$name" 2>/dev/null)" ]]; then
        local src_list=/etc/apt/sources.list.d/debian-src.sources
        if ! grep -qsrE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
            [[ -f /etc/apt/sources.list.d/debian.sources ]] \
                || die "no deb-src line and no /etc/apt/sources.list.d/debian.sources to mirror; add deb-src lines for bookworm"
            echo "enabling deb-src in $src_list"
            sed '/^#/d; s/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
                | as_root tee "$src_list" >/dev/null
        fi
        as_root apt-get update
    fi
    local dsc="$build_dir/${name}_${version#*:}.dsc"
    if [[ ! -f "$dsc" ]]; then
        local offered
        offered="$(apt-cache showsrc "$name" | sed -n 's/^Version: //p' | sort -u | tr '\n' ' ')"
        grep -qw -- "$version" <<<"$offered" \
            || die "apt offers $name ${offered}but this script is pinned to $version; use a snapshot.debian.org deb-src line or update the pin"
        (cd "$build_dir" && apt-get source --download-only "$name=$version")
    fi
    echo "$dsc_sha256  $dsc" | sha256sum -c --quiet - \
        || die "$dsc does not have the pinned sha256 $dsc_sha256"
    rm -rf "${build_dir:?}/$name"
    dpkg-source -x "$dsc" "$build_dir/$name" >/dev/null
    local got
    got="$(cd "$build_dir/$name" && dpkg-parsechangelog -S Version)"
    [[ "$got" == "$version" ]] || die "unpacked $name is version $got, not $version"
}
