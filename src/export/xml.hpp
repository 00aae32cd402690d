#pragma once
// Text that goes into generated XML (DOCX parts, XLSX cells): valid UTF-8, no characters
// XML 1.0 forbids, markup characters escaped.
#include <string>
#include <string_view>

namespace envgrid::exporter {

// Replaces invalid UTF-8 with U+FFFD and drops characters XML 1.0 cannot carry (C0
// controls other than tab/LF/CR, U+FFFE, U+FFFF). Emoji and other astral characters stay.
std::string sanitize_utf8(std::string_view s);

// sanitize_utf8 plus escaping of & < > " ' so the result is safe in text and attributes.
std::string xml_escape(std::string_view s);

// Display width in "CJK cells": a CJK/full-width character counts 1, ASCII 0.5.
double display_width(std::string_view utf8);

}  // namespace envgrid::exporter
