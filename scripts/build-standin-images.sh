#!/usr/bin/env bash
# Builds offline stand-ins for the public images the registries lab and its tests use, with
# `docker import` from Debian packages already on this machine. Nothing is pulled: test machines
# have no route to Docker Hub, and the tests must never depend on it.
#
#   alpine:latest and the alpine tag the curl Dockerfile starts FROM   <- busybox-static
#       with an offline `apk` that "installs" curl as a small busybox-wget wrapper
#   registry:2                                                          <- docker-registry (Distribution 2.8)
#
# Every image carries the label io.registry-lab.standin=true, so it can be told from the real one
# (`docker image ls --filter label=io.registry-lab.standin=true`).
#
# Usage: scripts/build-standin-images.sh           build the images that are missing
#        FORCE=1 scripts/build-standin-images.sh   rebuild them all
# Needs: a running Docker engine, and the Debian packages busybox-static and docker-registry.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
curl_dockerfile="$repo_root/labs/registries/images/curl/Dockerfile.v2"
busybox_bin=/bin/busybox
registry_bin=/usr/bin/docker-registry
standin_label='io.registry-lab.standin=true'
default_path='/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
force=${FORCE:-0}

work_dir=$(mktemp -d)
trap 'rm -rf "$work_dir"' EXIT

say() { printf 'build-standin-images: %s\n' "$*"; }
die() { printf 'build-standin-images: %s\n' "$*" >&2; exit 1; }

require_file() {
	[[ -x $1 ]] || die "$1 is missing: install the Debian package $2 (apt-get install $2)."
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# True when the image must be (re)built: it is missing, or FORCE=1.
wanted() { [[ $force == 1 ]] || ! image_exists "$1"; }

# The alpine tags to provide: latest, plus whatever the curl Dockerfile builds FROM, so the lab's
# `docker build` finds its base image without pulling.
alpine_refs() {
	echo alpine:latest
	if [[ -f $curl_dockerfile ]]; then
		awk 'toupper($1) == "FROM" && $2 ~ /^alpine(:|$)/ { print ($2 ~ /:/ ? $2 : $2 ":latest") }' "$curl_dockerfile"
	fi
}

# A root filesystem with busybox and a symlink for every applet, where Alpine keeps them.
make_busybox_root() {
	local root=$1 applet
	install -d -m 0755 "$root"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,etc,root,home,var,lib}
	install -d -m 1777 "$root/tmp"
	install -m 0755 "$busybox_bin" "$root/bin/busybox"
	while read -r applet; do
		[[ $applet == bin/busybox ]] && continue
		[[ -e $root/$applet || -L $root/$applet ]] || ln -s /bin/busybox "$root/$applet"
	done < <("$busybox_bin" --list-full)
	cat >"$root/etc/passwd" <<-'EOF'
		root:x:0:0:root:/root:/bin/sh
		nobody:x:65534:65534:nobody:/:/sbin/nologin
	EOF
	cat >"$root/etc/group" <<-'EOF'
		root:x:0:root
		nogroup:x:65534:
	EOF
}

# Streams a root filesystem into `docker import` as root-owned files, whoever runs this script.
import_root() {
	local root=$1 ref=$2
	shift 2
	tar --numeric-owner --owner=0 --group=0 -C "$root" -cf - . | docker import "$@" - "$ref" >/dev/null
	say "built $ref"
}

build_alpine() {
	local refs=() ref version root="$work_dir/alpine"
	while read -r ref; do
		if wanted "$ref"; then refs+=("$ref"); else say "$ref exists, skipped (FORCE=1 rebuilds it)"; fi
	done < <(alpine_refs | sort -u)
	((${#refs[@]})) || return 0
	require_file "$busybox_bin" busybox-static

	version=$(alpine_refs | sed -n 's/^alpine://p' | grep -v '^latest$' | head -n 1)
	make_busybox_root "$root"
	cat >"$root/etc/os-release" <<-EOF
		NAME="Alpine Linux (registry-lab offline stand-in)"
		ID=alpine
		VERSION_ID=${version:-standin}
		PRETTY_NAME="registry-lab stand-in for alpine, built from busybox"
	EOF
	echo "${version:-standin}" >"$root/etc/alpine-release"

	# What `apk add curl` puts in /usr/bin/curl: the few curl options the lab and its tests use,
	# mapped onto busybox wget.
	install -d "$root/usr/share/registry-lab-standin"
	cat >"$root/usr/share/registry-lab-standin/curl" <<-'EOF'
		#!/bin/sh
		# registry-lab stand-in for curl (offline test image): curl URL, -I/--head, -s, -S, -f, -L.
		head=0 fail=0 url=
		for arg do
			case $arg in
			--head) head=1 ;;
			--fail) fail=1 ;;
			--silent | --show-error | --location) ;;
			--*) echo "curl (stand-in): option $arg is not supported" >&2; exit 2 ;;
			-*)
				flags=${arg#-}
				while [ -n "$flags" ]; do
					rest=${flags#?}; flag=${flags%"$rest"}; flags=$rest
					case $flag in
					I) head=1 ;;
					f) fail=1 ;;
					s | S | L) ;;
					*) echo "curl (stand-in): option -$flag is not supported" >&2; exit 2 ;;
					esac
				done
				;;
			*) url=$arg ;;
			esac
		done
		[ -n "$url" ] || { echo "curl: try 'curl --help' for more information" >&2; exit 2; }
		case $url in *://*) ;; *) url="http://$url" ;; esac
		errors=$(mktemp)
		if [ "$head" = 1 ]; then
			wget -S --spider -q "$url" 2>"$errors"
			status=$?
			sed -n 's/^  //p' "$errors"
		else
			wget -q -O - "$url" 2>"$errors"
			status=$?
		fi
		message=$(cat "$errors"); rm -f "$errors"
		[ "$status" = 0 ] && exit 0
		case $message in
		*"server returned error"*) [ "$fail" = 1 ] && { echo "curl: (22) $message" >&2; exit 22; }; exit 0 ;;
		*) echo "curl: (7) $message" >&2; exit 7 ;;
		esac
	EOF
	chmod 0755 "$root/usr/share/registry-lab-standin/curl"

	cat >"$root/sbin/apk" <<-'EOF'
		#!/bin/sh
		# registry-lab stand-in for apk (offline test image): nothing is downloaded. `apk add curl`
		# installs a small curl made from busybox wget; every other package is only reported.
		command=$1
		[ $# -gt 0 ] && shift
		case $command in
		add)
			packages=
			for arg do case $arg in -*) ;; *) packages="$packages $arg" ;; esac; done
			[ -n "$packages" ] || { echo "ERROR: no packages named" >&2; exit 1; }
			echo "fetch (offline stand-in, nothing downloaded)"
			count=$(echo $packages | wc -w); n=0
			for package in $packages; do
				n=$((n + 1))
				echo "($n/$count) Installing $package (registry-lab stand-in)"
				if [ "$package" = curl ]; then
					cp /usr/share/registry-lab-standin/curl /usr/bin/curl && chmod 0755 /usr/bin/curl
				fi
			done
			echo "OK: $count stand-in package(s) installed"
			;;
		update | upgrade | del | info | version | cache) echo "OK (registry-lab apk stand-in)" ;;
		*) echo "apk (registry-lab stand-in): supports add, del, update, upgrade, info" >&2; exit 1 ;;
		esac
	EOF
	chmod 0755 "$root/sbin/apk"

	import_root "$root" "${refs[0]}" \
		--change "LABEL $standin_label" \
		--change "ENV PATH=$default_path" \
		--change 'CMD ["/bin/sh"]'
	for ref in "${refs[@]:1}"; do
		docker tag "${refs[0]}" "$ref"
		say "tagged $ref"
	done
}

build_registry() {
	local ref=registry:2 root="$work_dir/registry" lib
	if ! wanted "$ref"; then
		say "$ref exists, skipped (FORCE=1 rebuilds it)"
		return 0
	fi
	require_file "$registry_bin" docker-registry
	require_file "$busybox_bin" busybox-static

	# busybox gives the image a shell, as the real (Alpine-based) image has.
	make_busybox_root "$root"
	install -d "$root/usr/bin" "$root/etc/docker/registry" "$root/var/lib/registry"
	install -m 0755 "$registry_bin" "$root/usr/bin/docker-registry"
	ln -sf /usr/bin/docker-registry "$root/bin/registry"
	# The binary is dynamically linked: bring every library ldd names, and the loader, at the same paths.
	while read -r lib; do
		cp -L --parents "$lib" "$root/"
	done < <(ldd "$registry_bin" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')

	# Same settings as the real image's config: filesystem storage, plain HTTP on :5000, no auth.
	# Auth is switched on per container with REGISTRY_AUTH* environment variables.
	cat >"$root/etc/docker/registry/config.yml" <<-'EOF'
		version: 0.1
		log:
		  fields:
		    service: registry
		storage:
		  cache:
		    blobdescriptor: inmemory
		  filesystem:
		    rootdirectory: /var/lib/registry
		http:
		  addr: :5000
		  headers:
		    X-Content-Type-Options: [nosniff]
		health:
		  storagedriver:
		    enabled: true
		    interval: 10s
		    threshold: 3
	EOF
	# Like the real image: a config file argument means `registry serve <file>`.
	cat >"$root/entrypoint.sh" <<-'EOF'
		#!/bin/sh
		set -e
		case "$1" in
		*.yaml | *.yml) set -- registry serve "$@" ;;
		serve | garbage-collect | help | -*) set -- registry "$@" ;;
		esac
		exec "$@"
	EOF
	chmod 0755 "$root/entrypoint.sh"

	import_root "$root" "$ref" \
		--change "LABEL $standin_label" \
		--change "ENV PATH=$default_path" \
		--change 'EXPOSE 5000' \
		--change 'VOLUME ["/var/lib/registry"]' \
		--change 'ENTRYPOINT ["/entrypoint.sh"]' \
		--change 'CMD ["/etc/docker/registry/config.yml"]'
}

docker info >/dev/null 2>&1 || die 'no Docker engine answers `docker info`: start Docker first.'
build_alpine
build_registry
