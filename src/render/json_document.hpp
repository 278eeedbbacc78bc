#pragma once
// The text of a JSON document on stdout: the one serialisation every command's `-o json` uses.
// Indented by 2, one trailing newline, and never an abort: text that is not valid UTF-8 (a name
// read from a live project, a byte in a file) becomes U+FFFD instead of an exception.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace descope_mgmt::render {

std::string json_document(const nlohmann::json& document);

/// The envelope every command's document carries, set here once: `command` ("tenant list") and
/// `tool_version` (kept when the document already has them). `format_version` is each
/// document's own, always a number.
nlohmann::json with_envelope(nlohmann::json document, std::string_view command);

}  // namespace descope_mgmt::render
