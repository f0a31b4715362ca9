"""Reading a screen's text in tests of the admin."""


def screen_text(client, url: str) -> str:
    """A screen's HTML with its whitespace folded, after checking that it answered 200."""
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())
