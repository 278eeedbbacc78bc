#pragma once
// The tests' one JSON Schema (draft 2020-12) validator, for the keywords our published schemas
// use (docs/descope-mgmt.schema.json, docs/backup.schema.json), so a test can check that what
// the code writes or accepts and what the schema says agree. A keyword it does not know is
// reported as an error, never silently ignored. Patterns are ECMAScript (std::regex), as in
// JSON Schema.

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace descope_mgmt::test {

class JsonSchemaValidator {
  public:
    /// `root` is the whole schema ("$ref": "#/$defs/NAME" resolves in it); it must outlive this.
    explicit JsonSchemaValidator(const nlohmann::json& root) : m_root(root) {}

    /// Every violation of the root schema by `value`, as "PATH: problem"; empty when valid.
    std::vector<std::string> validate(const nlohmann::json& value) const;
    /// The same against `schema`, a part of the root.
    std::vector<std::string> validate(const nlohmann::json& schema,
                                      const nlohmann::json& value) const;

    /// Object keys visited by the last validate() (a test can check that it looked deep).
    int keys_checked() const { return m_keys_checked; }

    /// The keywords understood (annotations included).
    static const std::set<std::string>& keywords();

  private:
    void check(const nlohmann::json& schema, const nlohmann::json& value, const std::string& path,
               std::vector<std::string>& errors) const;

    const nlohmann::json& m_root;
    mutable int m_keys_checked = 0;
};

}  // namespace descope_mgmt::test
