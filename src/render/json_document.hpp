#pragma once
// The text of a JSON document on stdout: the one serialisation every command's `-o json` uses.
// Indented by 2, one trailing newline, and never an abort: text that is not valid UTF-8 (a name
// read from a live project, a byte in a file) becomes U+FFFD instead of an exception.

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace descope_mgmt::render {

std::string json_document(const nlohmann::json& document);

}  // namespace descope_mgmt::render
