#!/usr/bin/env bash
# Development secrets for `npm start`, created once and never overwritten:
#   .data/keys/dev-jwt.key.pem   RSA private key that signs dev tokens (npm run token)
#   .data/keys/dev-jwt.pub.pem   its public key (JWT_PUBLIC_KEY_FILE of the services)
#   .data/keys/national-id.key   base64 of 32 random bytes (NATIONAL_ID_KEY of the registry)
#   .data/keys/pseudonym.key     base64 of 32 random bytes (PSEUDONYM_KEY of the reporting service)
# .data is git-ignored; these keys are for a laptop only.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

KEY_DIR="$DATA_ROOT/keys"
mkdir -p "$KEY_DIR"
chmod 700 "$KEY_DIR"
umask 077

private="$KEY_DIR/dev-jwt.key.pem"
public="$KEY_DIR/dev-jwt.pub.pem"
national="$KEY_DIR/national-id.key"
pseudonym="$KEY_DIR/pseudonym.key"

if [[ ! -s "$private" ]]; then
  [[ ! -e "$public" ]] || die "$public exists without its private key; remove it to generate a new pair"
  log "generating the development JWT key pair in .data/keys"
  node -e '
    const { generateKeyPairSync } = require("node:crypto");
    const { writeFileSync } = require("node:fs");
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    writeFileSync(process.argv[1], privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
    writeFileSync(process.argv[2], publicKey.export({ type: "spki", format: "pem" }), { mode: 0o644, flag: "wx" });
  ' "$private" "$public"
elif [[ ! -s "$public" ]]; then
  log "deriving the missing public key from .data/keys/dev-jwt.key.pem"
  node -e '
    const { createPublicKey } = require("node:crypto");
    const { readFileSync, writeFileSync } = require("node:fs");
    const pub = createPublicKey(readFileSync(process.argv[1])).export({ type: "spki", format: "pem" });
    writeFileSync(process.argv[2], pub, { mode: 0o644 });
  ' "$private" "$public"
fi
chmod 644 "$public"

if [[ ! -s "$national" ]]; then
  log "generating the development national-ID key in .data/keys"
  node -e 'require("node:fs").writeFileSync(process.argv[1], require("node:crypto").randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" })' "$national"
fi

if [[ ! -s "$pseudonym" ]]; then
  log "generating the development pseudonym key in .data/keys"
  node -e 'require("node:fs").writeFileSync(process.argv[1], require("node:crypto").randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" })' "$pseudonym"
fi
