"""The diagnostic line every problem becomes."""

from generator.content.problems import Problem


def test_text_format_is_path_line_severity_message_hint() -> None:
    problem = Problem("content/briefings/a.md", 4, "unknown actor 'Pashinyn'",
                      "did you mean 'Nikol Pashinyan'?")
    assert problem.format_text() == ("content/briefings/a.md:4: error: unknown actor 'Pashinyn' "
                                     "(did you mean 'Nikol Pashinyan'?)")


def test_control_characters_cannot_fake_lines_or_colour_the_terminal() -> None:
    text = Problem("content/briefings/x\x1b[31m\nfake.md", None, "bad").format_text()
    assert "\n" not in text and "\x1b" not in text
    assert text == "content/briefings/x\\x1b[31m\\x0afake.md: error: bad"
