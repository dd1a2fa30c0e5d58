# shellcheck shell=bash
# Certificates for the throw-away test servers (scripts/lib/dovecot-test-server.sh,
# scripts/lib/postgres-test-server.sh). Source this file, then:
#
#   test_certificates TLSDIR   # ca.pem/ca.key (a test CA), server.pem/server.key (signed by it, for
#                              # localhost, 127.0.0.1 and ::1), other-ca.pem (an unrelated CA);
#                              # P-256, SHA-256, the extensions an RFC 5280 verifier expects
#
# Returns non-zero when openssl fails.

test_certificates() {
    local tls="$1"
    mkdir -p "$tls" || return 1
    (
        cd "$tls" || exit 1
        set -e
        cat > ca.ext <<'EXT'
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
EXT
        cat > server.ext <<'EXT'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EXT
        for ca in ca other-ca; do
            openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 -days 30 \
                -subj "/O=MailEvents tests/CN=MailEvents test $ca" -keyout "$ca.key" -out "$ca.pem" \
                -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
                -addext "subjectKeyIdentifier=hash" 2>/dev/null
        done
        openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 -subj "/CN=localhost" \
            -keyout server.key -out server.csr 2>/dev/null
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -sha256 \
            -extfile server.ext -out server.pem 2>/dev/null
        chmod 0644 ./*.pem
        chmod 0600 ./*.key
    )
}
