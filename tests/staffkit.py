"""What the staff tests share: logging in to the console with its CSRF token, and reading tokens off pages."""

from __future__ import annotations

import re

import httpx
from fastapi.testclient import TestClient

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def login(client: TestClient | httpx.Client, username: str, password: str) -> httpx.Response:
    page = client.get("/staff/login")
    return client.post("/staff/login", data={"csrf": csrf_of(page.text), "username": username,
                                             "password": password}, follow_redirects=False)


def page_csrf(client: TestClient | httpx.Client, path: str = "/staff") -> str:
    return csrf_of(client.get(path).text)


def behind_https(base_url: str) -> httpx.Client:
    """A client for an app configured with an https public URL but reached over plain http in tests: its
    cookies are marked Secure (as they must be), so they are kept here without the flag."""
    client = httpx.Client(base_url=base_url)

    def keep(response: httpx.Response) -> None:
        for name, value in response.cookies.items():
            client.cookies.set(name, value)

    client.event_hooks["response"] = [keep]
    return client
