#!/usr/bin/python3
"""A throw-away OAuth 2.0 authorization server for MailEvents' integration tests (127.0.0.1 only).

Started by scripts/oauth-test-server (which see for the KEY=VALUE interface). Everything is kept in
memory: restarting the server forgets every token. Built on Debian's python3-authlib (1.2.0) and
python3-flask (2.2.2); run it with /usr/bin/python3.

    /usr/bin/python3 oauth-test-server.py --port PORT

Grants: authorization_code (PKCE S256 required for the public client), refresh_token (rotating:
every use issues a new refresh token and revokes the old one), the RFC 8628 device code, and
client_credentials. RFC 7662 introspection at /introspect (Dovecot's oauth2 passdb uses it), RFC 7009
revocation at /revoke, RFC 8414 metadata at /.well-known/oauth-authorization-server, and test
switches under /test/ (see the route functions below).

Environment: OAUTH_TEST_ACCESS_LIFETIME (seconds, default 30), OAUTH_TEST_DEVICE_INTERVAL (seconds,
default 1).
"""

import argparse
import html
import ipaddress
import logging
import os
import secrets
import sys
import threading
import time
from urllib.parse import urlsplit

# Plain http on the loopback interface only (RFC 8252 §8.3 allows it for loopback redirects; the server
# itself refuses non-loopback peers below).
os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"

from flask import Flask, Response, jsonify, request

from authlib.common.security import generate_token
from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import grants
from authlib.oauth2.rfc6749.errors import InvalidRequestError, InvalidScopeError, AccessDeniedError
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc7662 import IntrospectionEndpoint
from authlib.oauth2.rfc8628 import (DeviceAuthorizationEndpoint, DeviceCodeGrant, DeviceCredentialDict,
                                   DEVICE_CODE_GRANT_TYPE)
from authlib.oauth2.rfc8628.errors import SlowDownError

ACCESS_LIFETIME = int(os.environ.get("OAUTH_TEST_ACCESS_LIFETIME", "30"))
DEVICE_INTERVAL = int(os.environ.get("OAUTH_TEST_DEVICE_INTERVAL", "1"))
DEVICE_EXPIRES_IN = 300
SCOPES = ["smtp", "imap", "offline_access"]
LONG_TOKEN_LENGTH = 4096

LOCK = threading.RLock()


# ---------------------------------------------------------------------------------------------------
# Models (in memory)

class User:
    def __init__(self, username, password):
        self.username = username
        self.password = password

    def get_user_id(self):
        return self.username


USERS = {u.username: u for u in [
    User("signin@events.test", "signin-password"),
    User("second@events.test", "second-password"),
    User("long@events.test", "long-password"),
]}
LONG_USER = "long@events.test"
APP_USER = User("app@events.test", None)


def is_loopback_redirect(uri):
    """RFC 8252 §7.3: a loopback redirect URI matches whatever port the native app listens on."""
    try:
        parts = urlsplit(uri)
        parts.port  # raises ValueError on a bad port
    except ValueError:
        return False
    return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost") and not parts.fragment


class Client:
    def __init__(self, client_id, secret, grant_types, scopes, auth_methods, redirect_check=None,
                 app_user=None):
        self.client_id = client_id
        self.secret = secret
        self.grant_types = grant_types
        self.scopes = scopes
        self.auth_methods = auth_methods
        self.redirect_check = redirect_check
        self.app_user = app_user

    # authlib ClientMixin
    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return None

    def get_allowed_scope(self, scope):
        if not scope:
            return " ".join(self.scopes) if self.app_user is not None else ""
        return " ".join(s for s in scope.split() if s in self.scopes)

    def check_redirect_uri(self, redirect_uri):
        return bool(self.redirect_check and self.redirect_check(redirect_uri))

    def check_client_secret(self, client_secret):
        return self.secret is not None and secrets.compare_digest(self.secret, client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        if endpoint == "token":
            return method in self.auth_methods
        # Elsewhere (device authorization, introspection, revocation) a public client identifies
        # itself by client_id alone; a confidential one must authenticate.
        return method == "none" if self.is_public else method != "none"

    def check_response_type(self, response_type):
        return response_type == "code" and "authorization_code" in self.grant_types

    def check_grant_type(self, grant_type):
        return grant_type in self.grant_types

    @property
    def is_public(self):
        return self.secret is None


CLIENTS = {c.client_id: c for c in [
    Client("mailevents-test", None,
           ["authorization_code", "refresh_token", DEVICE_CODE_GRANT_TYPE], SCOPES, ["none"],
           redirect_check=is_loopback_redirect),
    Client("mailevents-app", "mailevents-app-secret", ["client_credentials"], ["smtp"],
           ["client_secret_post", "client_secret_basic"], app_user=APP_USER),
    Client("dovecot", "dovecot-secret", [], [], ["client_secret_basic", "client_secret_post"]),
]}


class Credential:
    """One access token or one refresh token (kind "access_token" / "refresh_token")."""

    def __init__(self, kind, value, client_id, user, scope, expires_in):
        self.kind = kind
        self.value = value
        self.client_id = client_id
        self.user = user
        self.scope = scope
        self.issued_at = int(time.time())
        self.expires_in = expires_in  # 0: never (refresh tokens)
        self.revoked = False

    # authlib TokenMixin
    def check_client(self, client):
        return client is not None and client.get_client_id() == self.client_id

    def get_scope(self):
        return self.scope

    def get_expires_in(self):
        # The refresh grant asks the credential for the new access token's lifetime.
        return ACCESS_LIFETIME if self.kind == "refresh_token" else self.expires_in

    def is_expired(self):
        return bool(self.expires_in) and time.time() >= self.issued_at + self.expires_in

    def is_revoked(self):
        return self.revoked


class AuthorizationCode:
    def __init__(self, code, client_id, redirect_uri, scope, user, code_challenge, code_challenge_method):
        self.code = code
        self.client_id = client_id
        self.redirect_uri = redirect_uri
        self.scope = scope
        self.user = user
        self.code_challenge = code_challenge
        self.code_challenge_method = code_challenge_method
        self.expires_at = time.time() + 300

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return None

    def get_auth_time(self):
        return None

    def is_expired(self):
        return time.time() >= self.expires_at


TOKENS = {}  # token string -> Credential (access and refresh tokens share the namespace)
CODES = {}  # authorization code -> AuthorizationCode
DEVICES = {}  # device_code -> DeviceCredentialDict
DEVICE_GRANTS = {}  # user_code -> (User, approved)
DEVICE_LAST_POLL = {}  # device_code -> time of the last poll


def fresh_stats():
    return {"refresh_grants": {}, "token_requests": 0, "device_polls": 0, "slow_down_sent": 0,
            "authorization_codes": 0}


def fresh_switches():
    return {"device_answer": None, "device_count": 0, "token_error": None, "token_error_description": None,
            "token_error_count": 0}


STATS = fresh_stats()
SWITCHES = fresh_switches()


# ---------------------------------------------------------------------------------------------------
# Tokens

TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def long_token():
    """A JWT-shaped 4096-character token, as long as Microsoft 365's grow."""
    header = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9"
    signature = generate_token(342, TOKEN_CHARS)
    body = generate_token(LONG_TOKEN_LENGTH - len(header) - len(signature) - 2, TOKEN_CHARS)
    token = f"{header}.{body}.{signature}"
    assert len(token) == LONG_TOKEN_LENGTH
    return token


def access_token_generator(client, grant_type, user, scope):
    if user is not None and user.username == LONG_USER:
        return long_token()
    return "at-" + generate_token(42)


def refresh_token_generator(client, grant_type, user, scope):
    return "rt-" + generate_token(48)


def expires_generator(client, grant_type):
    return ACCESS_LIFETIME


def save_token(token, req):
    with LOCK:
        client = req.client
        user = req.user
        if user is None and client is not None and client.app_user is not None:
            user = client.app_user
        scope = token.get("scope", "")
        access = Credential("access_token", token["access_token"], client.get_client_id(), user, scope,
                            token.get("expires_in", ACCESS_LIFETIME))
        TOKENS[access.value] = access
        if token.get("refresh_token"):
            refresh = Credential("refresh_token", token["refresh_token"], client.get_client_id(), user, scope, 0)
            TOKENS[refresh.value] = refresh


def query_client(client_id):
    return CLIENTS.get(client_id)


# ---------------------------------------------------------------------------------------------------
# Grants and endpoints

class PKCE(CodeChallenge):
    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]

    def save_authorization_code(self, code, req):
        with LOCK:
            CODES[code] = AuthorizationCode(code, req.client.get_client_id(), req.redirect_uri, req.scope,
                                            req.user, req.data.get("code_challenge"),
                                            req.data.get("code_challenge_method"))
            STATS["authorization_codes"] += 1

    def query_authorization_code(self, code, client):
        with LOCK:
            item = CODES.get(code)
        if item and item.client_id == client.get_client_id() and not item.is_expired():
            return item
        return None

    def delete_authorization_code(self, authorization_code):
        with LOCK:
            CODES.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code):
        return authorization_code.user


class RefreshTokenGrant(grants.RefreshTokenGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]
    INCLUDE_NEW_REFRESH_TOKEN = True

    def authenticate_refresh_token(self, refresh_token):
        with LOCK:
            item = TOKENS.get(refresh_token)
        if item and item.kind == "refresh_token" and not item.is_revoked() and item.user is not None \
                and item.user.username in USERS:
            return item
        return None

    def authenticate_user(self, credential):
        return credential.user

    def revoke_old_credential(self, credential):
        with LOCK:
            credential.revoked = True

    def create_token_response(self):
        result = super().create_token_response()
        with LOCK:
            name = self.request.user.username
            STATS["refresh_grants"][name] = STATS["refresh_grants"].get(name, 0) + 1
        return result


class ClientCredentialsGrant(grants.ClientCredentialsGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

    def validate_token_request(self):
        super().validate_token_request()
        requested = (self.request.scope or "").split()
        if any(s not in self.request.client.scopes for s in requested):
            raise InvalidScopeError()


class TokenGenerator(BearerTokenGenerator):
    @staticmethod
    def get_allowed_scope(client, scope):
        # No scope asked for: the client's whole scope (mailevents-app: smtp).
        return client.get_allowed_scope(scope)


class DeviceGrant(DeviceCodeGrant):
    def query_device_credential(self, device_code):
        with LOCK:
            return DEVICES.get(device_code)

    def query_user_grant(self, user_code):
        with LOCK:
            return DEVICE_GRANTS.get(user_code)

    def should_slow_down(self, credential):
        # Polling faster than half the interval is too fast (lenient: clients sleep `interval`
        # between polls, and timers jitter).
        now = time.time()
        with LOCK:
            last = DEVICE_LAST_POLL.get(credential["device_code"])
            DEVICE_LAST_POLL[credential["device_code"]] = now
            too_fast = last is not None and now - last < DEVICE_INTERVAL / 2
            if too_fast:
                STATS["slow_down_sent"] += 1
            return too_fast

    def validate_device_credential(self, credential):
        with LOCK:
            STATS["device_polls"] += 1
            answer = None
            if SWITCHES["device_count"] > 0:
                SWITCHES["device_count"] -= 1
                answer = SWITCHES["device_answer"]
            if answer == "slow_down":
                STATS["slow_down_sent"] += 1
                DEVICE_LAST_POLL[credential["device_code"]] = time.time()
        if answer == "slow_down":
            raise SlowDownError()
        if answer == "access_denied":
            raise AccessDeniedError()
        return super().validate_device_credential(credential)

    def create_token_response(self):
        result = super().create_token_response()
        # A device code is good for one token response.
        with LOCK:
            credential = self.request.credential
            DEVICES.pop(credential["device_code"], None)
            DEVICE_GRANTS.pop(credential["user_code"], None)
            DEVICE_LAST_POLL.pop(credential["device_code"], None)
        return result


class DeviceAuthorization(DeviceAuthorizationEndpoint):
    EXPIRES_IN = DEVICE_EXPIRES_IN
    INTERVAL = DEVICE_INTERVAL

    def get_verification_uri(self):
        return issuer() + "/device"

    def save_device_credential(self, client_id, scope, data):
        with LOCK:
            credential = DeviceCredentialDict(client_id=client_id, scope=scope or "",
                                              expires_at=int(time.time()) + data["expires_in"], **data)
            DEVICES[data["device_code"]] = credential


def _query_token(token_string, token_type_hint):
    with LOCK:
        item = TOKENS.get(token_string)
    return item


class Introspection(IntrospectionEndpoint):
    # Dovecot 2.3 sends HTTP basic auth taken from the user:password@ part of introspection_url.
    CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

    def query_token(self, token_string, token_type_hint):
        return _query_token(token_string, token_type_hint)

    def check_permission(self, token, client, req):
        # The resource server (Dovecot) may introspect any token; other clients only their own.
        return client.get_client_id() == "dovecot" or token.check_client(client)

    def introspect_token(self, token):
        payload = {
            "active": True,
            "client_id": token.client_id,
            "token_type": "Bearer" if token.kind == "access_token" else "refresh_token",
            "scope": token.scope,
            "iat": token.issued_at,
            "iss": issuer(),
        }
        if token.user is not None:
            payload["username"] = token.user.username
            payload["sub"] = token.user.username
        if token.expires_in:
            payload["exp"] = token.issued_at + token.expires_in
        return payload


class Revocation(RevocationEndpoint):
    CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]

    def query_token(self, token_string, token_type_hint):
        return _query_token(token_string, token_type_hint)

    def revoke_token(self, token, req):
        with LOCK:
            token.revoked = True


# ---------------------------------------------------------------------------------------------------
# Flask app

app = Flask(__name__)
app.config["OAUTH2_SCOPES_SUPPORTED"] = SCOPES
server = AuthorizationServer(app, query_client=query_client, save_token=save_token)
server.register_token_generator("default", TokenGenerator(
    access_token_generator, refresh_token_generator, expires_generator))
server.register_grant(AuthorizationCodeGrant, [PKCE(required=True)])
server.register_grant(RefreshTokenGrant)
server.register_grant(DeviceGrant)
server.register_grant(ClientCredentialsGrant)
server.register_endpoint(DeviceAuthorization)
server.register_endpoint(Introspection)
server.register_endpoint(Revocation)

PORT = None


def issuer():
    return f"http://127.0.0.1:{PORT}"


def page(title, body, status=200):
    text = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>
<body><h1>{html.escape(title)}</h1>
{body}
</body></html>
"""
    return Response(text, status=status, mimetype="text/html")


def check_password(username, password):
    user = USERS.get(username or "")
    if user is not None and secrets.compare_digest(user.password, password or ""):
        return user
    return None


def is_loopback_peer():
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


@app.before_request
def loopback_only():
    if not is_loopback_peer():
        return jsonify(error="access_denied", error_description="loopback only"), 403
    return None


@app.get("/.well-known/oauth-authorization-server")
def metadata():
    base = issuer()
    return jsonify({
        "issuer": base,
        "authorization_endpoint": base + "/authorize",
        "token_endpoint": base + "/token",
        "device_authorization_endpoint": base + "/device_authorization",
        "introspection_endpoint": base + "/introspect",
        "revocation_endpoint": base + "/revoke",
        "grant_types_supported": ["authorization_code", "refresh_token", DEVICE_CODE_GRANT_TYPE,
                                  "client_credentials"],
        "response_types_supported": ["code"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": SCOPES,
        "token_endpoint_auth_methods_supported": ["none", "client_secret_post", "client_secret_basic"],
        "introspection_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "revocation_endpoint_auth_methods_supported": ["none", "client_secret_basic", "client_secret_post"],
    })


def consent_form(grant, message=""):
    client_id = html.escape(grant.client.get_client_id())
    scope = html.escape(grant.request.scope or "")
    note = f'<p class="error">{html.escape(message)}</p>' if message else ""
    return f"""{note}<p>The application <b>{client_id}</b> asks for: <b>{scope}</b></p>
<form method="post">
  <label>Username <input name="username" type="text"></label><br>
  <label>Password <input name="password" type="password"></label><br>
  <button name="confirm" value="yes" type="submit">Approve</button>
  <button name="confirm" value="no" type="submit">Deny</button>
</form>"""


def require_pkce(grant):
    """PKCE is mandatory for the public client (RFC 7636 / OAuth 2.1), and only S256."""
    if grant.client.is_public:
        method = grant.request.data.get("code_challenge_method")
        if not grant.request.data.get("code_challenge") or method != "S256":
            raise InvalidRequestError('The public client must send a "code_challenge" with '
                                      '"code_challenge_method=S256"')


@app.route("/authorize", methods=["GET", "POST"])
def authorize():
    try:
        grant = server.get_consent_grant(end_user=None)
    except OAuth2Error as error:
        return page("Authorization error", f"<p>{html.escape(error.error)}: "
                    f"{html.escape(error.description or '')}</p>", 400)
    try:
        require_pkce(grant)
    except OAuth2Error as error:
        # The redirect URI is valid by now: the error goes back to the client (RFC 6749 §4.1.2.1).
        error.redirect_uri = grant.redirect_uri
        error.state = grant.request.state
        return server.handle_error_response(grant.request, error)
    if request.method == "GET":
        return page("Sign in to the MailEvents test server", consent_form(grant))
    if request.form.get("confirm") != "yes":
        return server.create_authorization_response(grant_user=None)
    user = check_password(request.form.get("username"), request.form.get("password"))
    if user is None:
        return page("Sign in to the MailEvents test server",
                    consent_form(grant, "Wrong username or password."))
    return server.create_authorization_response(grant_user=user)


@app.post("/token")
def issue_token():
    with LOCK:
        STATS["token_requests"] += 1
        if request.form.get("grant_type") == "refresh_token" and SWITCHES["token_error_count"] > 0:
            SWITCHES["token_error_count"] -= 1
            body = {"error": SWITCHES["token_error"]}
            if SWITCHES["token_error_description"]:
                body["error_description"] = SWITCHES["token_error_description"]
            return jsonify(body), 400
    return server.create_token_response()


@app.post("/device_authorization")
def device_authorization():
    return server.create_endpoint_response(DeviceAuthorization.ENDPOINT_NAME)


def device_form(user_code="", message=""):
    note = f'<p class="error">{html.escape(message)}</p>' if message else ""
    return f"""{note}<form method="post">
  <label>Code <input name="user_code" type="text" value="{html.escape(user_code)}"></label><br>
  <label>Username <input name="username" type="text"></label><br>
  <label>Password <input name="password" type="password"></label><br>
  <button name="confirm" value="yes" type="submit">Approve</button>
  <button name="confirm" value="no" type="submit">Deny</button>
</form>"""


def normalize_user_code(code):
    code = "".join(c for c in (code or "").upper() if c.isalnum())
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


@app.route("/device", methods=["GET", "POST"])
def device():
    title = "Connect a device to the MailEvents test server"
    if request.method == "GET":
        return page(title, device_form(request.args.get("user_code", "")))
    user_code = normalize_user_code(request.form.get("user_code"))
    with LOCK:
        credential = next((c for c in DEVICES.values() if c["user_code"] == user_code), None)
    if credential is None or credential.is_expired():
        return page(title, device_form(user_code, "Unknown or expired code."), 400)
    if request.form.get("confirm") != "yes":
        with LOCK:
            DEVICE_GRANTS[user_code] = (None, False)
        return page("Access denied", "<p>The device was not connected.</p>")
    user = check_password(request.form.get("username"), request.form.get("password"))
    if user is None:
        return page(title, device_form(user_code, "Wrong username or password."))
    with LOCK:
        DEVICE_GRANTS[user_code] = (user, True)
    return page("Device connected", "<p>You can close this page and return to the device.</p>")


@app.post("/introspect")
def introspect():
    return server.create_endpoint_response(Introspection.ENDPOINT_NAME)


@app.post("/revoke")
def revoke():
    return server.create_endpoint_response(Revocation.ENDPOINT_NAME)


# ---------------------------------------------------------------------------------------------------
# Test switches (loopback only, like everything here)

def count_arg(default=1):
    try:
        return max(0, int(request.args.get("count", default)))
    except ValueError:
        return default


@app.post("/test/revoke")
def test_revoke():
    username = request.args.get("username", "")
    with LOCK:
        items = [t for t in TOKENS.values() if t.user is not None and t.user.username == username]
        for item in items:
            item.revoked = True
    return jsonify(revoked=len(items), username=username)


@app.post("/test/device")
def test_device():
    answer = request.args.get("answer", "")
    if answer not in ("slow_down", "access_denied"):
        return jsonify(error="answer must be slow_down or access_denied"), 400
    with LOCK:
        SWITCHES["device_answer"] = answer
        SWITCHES["device_count"] = count_arg()
    return jsonify(answer=answer, count=SWITCHES["device_count"])


@app.post("/test/token-error")
def test_token_error():
    error = request.args.get("error", "invalid_grant")
    with LOCK:
        SWITCHES["token_error"] = error
        SWITCHES["token_error_description"] = request.args.get("description")
        SWITCHES["token_error_count"] = count_arg()
    return jsonify(error=error, description=SWITCHES["token_error_description"], count=SWITCHES["token_error_count"])


@app.get("/test/stats")
def test_stats():
    with LOCK:
        return jsonify(STATS)


@app.post("/test/reset")
def test_reset():
    with LOCK:
        STATS.clear()
        STATS.update(fresh_stats())
        SWITCHES.clear()
        SWITCHES.update(fresh_switches())
        DEVICE_LAST_POLL.clear()
    return jsonify(reset=True)


class _IssueRequest:
    def __init__(self, client, user):
        self.client = client
        self.user = user


@app.post("/test/issue")
def test_issue():
    user = USERS.get(request.args.get("username", ""))
    if user is None:
        return jsonify(error="unknown user"), 400
    client = CLIENTS["mailevents-test"]
    scope = request.args.get("scope", "smtp imap offline_access")
    if any(s not in SCOPES for s in scope.split()):
        return jsonify(error="invalid_scope"), 400
    token = server.generate_token("authorization_code", client, user=user, scope=scope, include_refresh_token=True)
    save_token(token, _IssueRequest(client, user))
    return jsonify(token)


def main():
    global PORT
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    PORT = args.port
    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("authlib").setLevel(logging.DEBUG if os.environ.get("OAUTH_TEST_DEBUG") else logging.INFO)
    logging.info("MailEvents OAuth test server on %s (access tokens live %d s, device interval %d s)",
                 issuer(), ACCESS_LIFETIME, DEVICE_INTERVAL)
    from werkzeug.serving import run_simple
    run_simple("127.0.0.1", PORT, app, threaded=True, use_reloader=False, use_debugger=False)


if __name__ == "__main__":
    main()
