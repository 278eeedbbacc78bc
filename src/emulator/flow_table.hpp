#pragma once
// A project's flows and its single theme (descope-api.md §4), in both API generations: v1 keeps
// {flow, screens} in console format; v2 speaks the "exported flow" shape. Both views share one
// stored copy, converted as descopecli's flow/convert.go does.

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "emulator/wire_schema.hpp"

namespace descope_mgmt::emulator {

class FlowTable {
  public:
    /// `theme_id` is the id the project's theme always has (R8: the server's, never blank).
    FlowTable(std::function<std::int64_t()> now_seconds, std::string theme_id);
    ~FlowTable();
    FlowTable(FlowTable&&) noexcept;
    FlowTable& operator=(FlowTable&&) noexcept;

    /// flow/list: {"flows":[...],"total":N} sorted by id, optionally only `ids`.
    Reply list(const nlohmann::json& body) const;
    /// flow/export (v1): {"flow":{...},"screens":[...]}; unknown flowId -> not_found.
    Reply export_v1(const nlohmann::json& body) const;
    /// flow/import (v1): upsert keyed by the body's flowId (else flow.id). Every import bumps
    /// version and sets modifiedTime (epoch seconds, as a string) and etag (a hash of the
    /// content). Answers what export would.
    Reply import_v1(const nlohmann::json& body);
    /// flow/delete: {"ids":[...]}; unknown ids are ignored.
    Reply remove(const nlohmann::json& body);
    /// v2 flow/export: {"flow":{flowId, metadata, contents, screens, references}}.
    Reply export_v2(const nlohmann::json& body) const;
    /// v2 flow/import: {"flow":{flowId, ...}} -> {}.
    Reply import_v2(const nlohmann::json& body);

    /// theme/export (v1): {"theme":{id, version, cssTemplate, componentsVersion, codeMode}}.
    Reply export_theme_v1() const;
    /// theme/import (v1): replaces the theme; the id stays the project's and the version goes
    /// up by one, whatever the body says (R8). Answers {"theme":{...}}.
    Reply import_theme_v1(const nlohmann::json& body);
    /// v2 theme/export: {"theme":{"styles","componentsVersion","references"}}.
    Reply export_theme_v2() const;
    /// v2 theme/import: {"theme":{"styles",...}} -> {}.
    Reply import_theme_v2(const nlohmann::json& body);

    /// {"flows":[...],"theme":{...}} for the state file, and back (replaces the content).
    nlohmann::json to_json() const;
    util::Result<void, StoreError> load_json(const nlohmann::json& data);

  private:
    struct Rows;
    std::unique_ptr<Rows> m_rows;
    std::function<std::int64_t()> m_now_seconds;
    std::string m_theme_id;
};

}  // namespace descope_mgmt::emulator
