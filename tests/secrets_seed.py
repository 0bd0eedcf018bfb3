"""Secrets of every kind the bundle redacts, made up but shaped like the real thing.

Each value is generated from a fixed seed (so no real credential is ever written down, and no
scanner's allow-list of documented examples can hide one) and placed in a line as it would appear
in a shell history, an environment dump, a config file or a log.
"""

from __future__ import annotations

import base64
import json
import random
import string
from typing import List, Tuple

_RANDOM = random.Random(20261130)  # noqa: S311 - reproducible fakes, not secrets
ALNUM = string.ascii_letters + string.digits


def _pick(alphabet: str, count: int) -> str:
    return "".join(_RANDOM.choice(alphabet) for _ in range(count))


def _b64url(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


HOST = "robot-warehouse-7"
OTHER_USERS = ("bobsmith", "caroljones")
GECOS = "Bob Smith,Building 4 Room 12,+1-555-0143"
_JWT = "{}.{}.{}".format(_b64url({"alg": "HS256", "typ": "JWT"}), _b64url({"sub": "1234567890", "name": "Carol"}),
                          _pick(ALNUM + "-_", 43))
_AWS_SECRET = _pick(ALNUM + "/+", 40)

# (kind, line as it appears in a file, the secret in it that must not survive)
SEEDS: List[Tuple[str, str, str]] = [
    ("AWS access key", "aws_access_key_id = {}", "AKIA" + _pick(string.ascii_uppercase + string.digits, 16)),
    ("AWS secret access key", "export AWS_SECRET_ACCESS_KEY={}", _AWS_SECRET),
    ("password variable", "DB_PASSWORD={}", "Tr0ub4dor&3-" + _pick(ALNUM, 10)),
    ("token variable", "CI_JOB_TOKEN={}", _pick(ALNUM, 24)),
    ("secret variable", "CLIENT_SECRET='{}'", _pick(ALNUM, 28)),
    ("password in YAML", "password: {}", "hunter2-" + _pick(ALNUM, 8)),
    ("API key in JSON", '"api_key": "{}"', _pick(ALNUM, 32)),
    ("bearer JWT", "curl -H 'Authorization: Bearer {}' https://registry.example.net/v2/", _JWT),
    ("JWT alone", "session cookie was {}", _JWT[::-1][:0] + _b64url({"alg": "RS256"}) + "." + _b64url({"sub": "x"}) + "."
     + _pick(ALNUM, 40)),
    ("basic authorization", "Authorization: Basic {}", base64.b64encode(b"bob:" + _pick(ALNUM, 12).encode()).decode()),
    ("Hugging Face token", "HF_TOKEN is {} (from huggingface-cli login)", "hf_" + _pick(ALNUM, 34)),
    ("GitHub classic token", "git clone with {}", "ghp_" + _pick(ALNUM, 36)),
    ("GitHub fine-grained token", "token {} expires soon", "github_pat_" + _pick(ALNUM, 22) + "_" + _pick(ALNUM, 59)),
    ("GitLab token", "gitlab runner registered with {}", "glpat-" + _pick(ALNUM, 20)),
    ("Slack bot token", "slack: {}", "xoxb-" + _pick(string.digits, 12) + "-" + _pick(string.digits, 12) + "-"
     + _pick(ALNUM, 24)),
    ("Slack webhook", "notify {}", "https://hooks.slack.com/services/T" + _pick(string.ascii_uppercase, 8) + "/B"
     + _pick(string.ascii_uppercase, 8) + "/" + _pick(ALNUM, 24)),
    ("Google API key", "maps key {}", "AIza" + _pick(ALNUM + "-_", 35)),
    ("private key block", "{}", "-----BEGIN RSA PRIVATE KEY-----\nMIIEow" + _pick(ALNUM + "+/", 58)
     + "\n-----END RSA PRIVATE KEY-----"),
    ("OpenSSH private key", "{}", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1r" + _pick(ALNUM + "+/", 52)
     + "\n-----END OPENSSH PRIVATE KEY-----"),
    ("credentials in a URL", "pip index https://deploy:{}@pypi.internal.example.net/simple", _pick(ALNUM, 14)),
    ("e-mail address", "reported by {}", "carol.jones@example.org"),
    ("Stripe key", "stripe {}", "sk_live_" + _pick(ALNUM, 24)),
    ("OpenAI key", "OPENAI {}", "sk-proj-" + _pick(ALNUM, 20) + "T3BlbkFJ" + _pick(ALNUM, 20)),
    ("npm token", "//registry.npmjs.org/:_authToken={}", "npm_" + _pick(ALNUM, 36)),
    ("PyPI token", "twine upload -p {}", "pypi-AgEIcHlwaS5vcmc" + _pick(ALNUM + "-_", 60)),
    ("SendGrid key", "sendgrid {}", "SG." + _pick(ALNUM + "-_", 22) + "." + _pick(ALNUM + "-_", 43)),
    ("Twilio key", "twilio {}", "SK" + _pick("0123456789abcdef", 32)),
    ("Mailchimp key", "mailchimp {}", _pick("0123456789abcdef", 32) + "-us12"),
    ("Telegram bot token", "bot {}", _pick(string.digits, 10) + ":AA" + _pick(ALNUM + "-_", 33)),
    ("Discord webhook", "discord {}", "https://discord.com/api/webhooks/" + _pick(string.digits, 18) + "/"
     + _pick(ALNUM, 68)),
    ("Azure storage key", "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={};EndpointSuffix=core.windows.net",
     _pick(ALNUM + "+/", 86) + "=="),
    ("Artifactory key", "artifactory {}", "AKC" + _pick(ALNUM, 70)),
    ("password hash", "root:{}:19700:0:99999:7:::", "$6$" + _pick(ALNUM, 16) + "$" + _pick(ALNUM + "./", 86)),
    ("IPv4 address", "uploaded from {}", "203.0.113.77"),
    ("IPv6 address", "link {}", "fe80::1ff:fe23:4567:890a"),
    ("MAC address", "eth0 {}", "3c:6d:66:01:02:03"),
    ("SSH public key", "authorized {}", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + _pick(ALNUM + "+/", 43)),
    ("high-entropy string", 'secret_seed = "{}"', _pick(ALNUM, 40)),
    ("run-together password variable", "sudo -u app env ADMINPASS={} ./start", "Pw" + _pick(ALNUM, 10)),
    ("password option", "mysql -u root -p{} -e 'select 1'", "My" + _pick(ALNUM, 10)),
    ("password long option", "app --password {} --port 80", "Lo" + _pick(ALNUM, 10)),
    ("Java property", "java -Dpassword={} -jar app.jar", "Jv" + _pick(ALNUM, 10)),
    ("sshpass", "sshpass -p {} ssh jetson@orin", "Ss" + _pick(ALNUM, 10)),
    ("registry login", "docker login -u bob -p {} nvcr.io", "Dk" + _pick(ALNUM, 10)),
    ("curl user", "curl -u admin:{} https://api.internal.example.net/", "Cu" + _pick(ALNUM, 10)),
    ("password piped to sudo", "echo '{}' | sudo -S systemctl restart app", "Ec" + _pick(ALNUM, 10)),
    ("XML password", "<password>{}</password>", "Xm" + _pick(ALNUM, 10)),
    ("Perl-style key", 'api_key => "{}"', "Pl" + _pick(ALNUM, 10)),
    ("password with a bracket", "password={}", "Br<" + _pick(ALNUM, 10)),
    ("URL password with an at sign", "postgres://app:{}@db.internal.example.net/app", "At@" + _pick(ALNUM, 10)),
    ("key variable", "LICENSE_KEY={}", "QWERT-" + _pick(string.ascii_uppercase, 5) + "-" + _pick(string.ascii_uppercase, 5)),
    ("exported key of words", "export ENCRYPTION_KEY={}", "correcthorse" + _pick(string.ascii_lowercase, 8)),
    (".netrc password", "machine api.github.com login bob password {}", "Winter" + _pick(ALNUM, 8)),
    ("password with a comma", "DB_PASSWORD={}", "alpha," + _pick(ALNUM, 10)),
    ("password with a semicolon", "DB_PASSWORD={}", "bravo;" + _pick(ALNUM, 10)),
    ("password of words", "password: {}", "correct horse battery " + _pick(string.ascii_lowercase, 8)),
    ("URL password with a slash", "pip index https://deploy:{}@pypi.corp.example.net/simple", "Xy7/" + _pick(ALNUM, 10)),
    ("zero-padded IPv4 address", "peer {}", "10.020.003.004"),
]


def seeded_text() -> str:
    """Every seed line, as one block of text."""
    return "\n".join(line.format(secret) for _, line, secret in SEEDS) + "\n"
