from pathlib import Path

from django.template.base import Lexer, TokenType

import kizuna

SOURCE = Path(kizuna.__file__).parent


def test_every_blocktranslate_is_trimmed():
    """Untrimmed blocks put the template's line breaks and indentation into the
    message ids, so translators see (and must copy) layout instead of sentences."""
    untrimmed = []
    for path in sorted(SOURCE.rglob("templates/**/*")):
        if not path.is_file():
            continue
        for token in Lexer(path.read_text(encoding="utf-8")).tokenize():
            words = token.contents.split() if token.token_type == TokenType.BLOCK else []
            if words and words[0] in ("blocktranslate", "blocktrans") and "trimmed" not in words:
                untrimmed.append(f"{path.relative_to(SOURCE)}:{token.lineno}")
    assert untrimmed == []
