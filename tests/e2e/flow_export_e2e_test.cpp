// `flow export` and `theme export` against the emulator: canonical files, byte-identical
// re-exports, files the config accepts, errors, JSON reports.
#include "flow_e2e_fixture.hpp"

namespace descope_mgmt::test::flow_e2e {
namespace {

/// The server-managed fields are gone from the flow and from every screen; content fields
/// named `version` (inside the flow graph) are kept.
void expect_canonical_flow(const std::string& text) {
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.back(), '\n');
    EXPECT_TRUE(keys_sorted_in_text(text)) << text;
    const json doc = json::parse(text);
    ASSERT_TRUE(doc.contains("flow")) << text;
    for (const char* field : {"version", "modifiedTime", "etag"})
        EXPECT_FALSE(doc["flow"].contains(field)) << field << " in " << text;
    ASSERT_TRUE(doc["screens"].is_array());
    for (const auto& screen : doc["screens"])
        for (const char* field : {"version", "modifiedTime", "etag"})
            EXPECT_FALSE(screen.contains(field)) << field << " in a screen of " << text;
    // 2-space indent, one stable layout: the text is its own pretty print.
    EXPECT_EQ(doc.dump(2) + "\n", text);
}

TEST_F(FlowCommandsE2e, ExportWritesACanonicalFileThatIsTheSameFromEveryEnvironment) {
    seed_dev();
    const auto r = mgmt({"flow", "export", "sign-in", "-e", "dev", "--out", "out/sign-in.json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string text = read_text(m_dir / "out/sign-in.json");
    expect_canonical_flow(text);
    EXPECT_NE(r.out.find("dev: flow sign-in -> out/sign-in.json (created, " +
                         std::to_string(text.size()) + " bytes)"),
              std::string::npos)
        << r.out;

    const json doc = json::parse(text);
    EXPECT_EQ(doc["flow"]["id"], "sign-in");
    EXPECT_EQ(doc["flow"]["dsl"]["metadata"]["title"], "live");     // the latest import
    EXPECT_EQ(doc["flow"]["dsl"]["metadata"]["version"], "2.1.0");  // content, kept
    ASSERT_EQ(doc["screens"].size(), 2u);
    EXPECT_EQ(doc["screens"][0]["id"], "SC1");  // sorted by id (imported as SC2, SC1)
    EXPECT_EQ(doc["screens"][1]["id"], "SC2");

    // Exported again: the same bytes, and the file is left alone.
    const auto mtime = fs::last_write_time(m_dir / "out/sign-in.json");
    const auto again =
        mgmt({"flow", "export", "sign-in", "-e", "dev", "--out", "out/sign-in.json"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("(unchanged, "), std::string::npos) << again.out;
    EXPECT_EQ(read_text(m_dir / "out/sign-in.json"), text);
    EXPECT_EQ(fs::last_write_time(m_dir / "out/sign-in.json"), mtime);

    // Deploy the file to prod the way flow/import takes it (a fresh import: version 1 there,
    // 2 in dev): prod's export is byte-identical to dev's.
    json body = doc;
    body["flowId"] = "sign-in";
    import_flow(kProdProject, kProdKey, body);
    const auto prod = mgmt({"flow", "export", "sign-in", "-e", "prod"});
    ASSERT_EQ(prod.exit_code, 0) << prod.err;
    EXPECT_EQ(prod.out, text);

    // Without --out the document is stdout, in JSON mode too.
    const auto to_stdout = mgmt({"flow", "export", "sign-in", "-e", "dev", "-o", "json"});
    ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
    EXPECT_EQ(to_stdout.out, text);
}

TEST_F(FlowCommandsE2e, ExportedFilesAreWhatTheConfigTakes) {
    seed_dev();
    ASSERT_EQ(
        mgmt({"flow", "export", "sign-in", "-e", "dev", "--out", "adopted/sign-in.json"}).exit_code,
        0);
    auto theme = client(kDevProject, kDevKey).post("/v1/mgmt/theme/import", theme_import_body());
    ASSERT_EQ(theme.status, 200) << theme.body;
    ASSERT_EQ(mgmt({"theme", "export", "-e", "dev", "--out", "adopted/theme.json"}).exit_code, 0);
    write_text(m_dir / "adopted.yaml", R"(version: 1
environments:
  dev:
    project_id: )" + kDevProject + R"(
    management_key: ${FLOW_E2E_DEV_KEY}
flows:
  - id: sign-in
    file: adopted/sign-in.json
theme:
  file: adopted/theme.json
)");
    m_config = "adopted.yaml";
    const auto v = mgmt({"validate"});
    EXPECT_EQ(v.exit_code, 0) << v.out << v.err;

    // With one environment in the config, -e is not needed.
    const auto only = mgmt({"flow", "export", "sign-in"});
    ASSERT_EQ(only.exit_code, 0) << only.err;
    EXPECT_EQ(only.out, read_text(m_dir / "adopted/sign-in.json"));
}

TEST_F(FlowCommandsE2e, ExportAllWritesOneQuietFilePerFlow) {
    seed_dev();
    const auto r = mgmt({"flow", "export", "--all", "--dir", "mirror", "-e", "dev"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("dev: exported 2 of 2 flows to mirror (2 created)"), std::string::npos)
        << r.out;
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(m_dir / "mirror"))
        names.insert(entry.path().filename().string());
    EXPECT_EQ(names, (std::set<std::string>{"sign-in.json", "sign-up.json"}));
    for (const auto& name : names)
        expect_canonical_flow(read_text(m_dir / "mirror" / name));

    // The same bytes as a one-flow export.
    const auto one = mgmt({"flow", "export", "sign-up", "-e", "dev"});
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_EQ(read_text(m_dir / "mirror/sign-up.json"), one.out);

    // A second run changes nothing; then a console edit updates exactly one file.
    const std::string sign_in = read_text(m_dir / "mirror/sign-in.json");
    import_flow(kDevProject, kDevKey, sign_up_import_body());  // re-import: new version only
    const auto again =
        mgmt({"flow", "export", "--all", "--dir", "mirror", "-e", "dev", "-o", "json"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    const json doc = json::parse(again.out);
    EXPECT_EQ(doc["format_version"], 1);
    EXPECT_EQ(doc["command"], "flow export");
    EXPECT_EQ(doc["environment"], "dev");
    EXPECT_EQ(doc["project_id"], kDevProject);
    EXPECT_EQ(doc["status"], "ok");
    EXPECT_EQ(doc["dir"], "mirror");
    EXPECT_EQ(doc["errors"], json::array());
    ASSERT_EQ(doc["files"].size(), 2u);
    EXPECT_EQ(doc["files"][0], (json{{"type", "flow"},
                                     {"id", "sign-in"},
                                     {"path", "mirror/sign-in.json"},
                                     {"bytes", sign_in.size()},
                                     {"result", "unchanged"}}));
    EXPECT_EQ(doc["files"][1]["result"], "unchanged");

    import_flow(kDevProject, kDevKey, sign_in_import_body("edited in the console"));
    const auto edited = mgmt({"flow", "export", "--all", "--dir", "mirror", "-e", "dev"});
    ASSERT_EQ(edited.exit_code, 0) << edited.err;
    EXPECT_NE(edited.out.find("(1 updated, 1 unchanged)"), std::string::npos) << edited.out;
    EXPECT_NE(edited.out.find("updated    mirror/sign-in.json"), std::string::npos) << edited.out;
    EXPECT_NE(read_text(m_dir / "mirror/sign-in.json"), sign_in);
}

TEST_F(FlowCommandsE2e, UnknownFlowIsAClearErrorWithASuggestion) {
    seed_dev();
    const auto r = mgmt({"flow", "export", "sign-inn", "-e", "dev", "--out", "x.json"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("dev: reading flow sign-inn: no flow with this id in project " +
                         kDevProject + ": did you mean 'sign-in'? (live flows: sign-in, sign-up)"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(m_dir / "x.json"));
    EXPECT_TRUE(r.out.empty()) << r.out;

    const auto j = mgmt({"flow", "export", "nope", "-e", "dev", "-o", "json"});
    EXPECT_EQ(j.exit_code, 1);
    const json doc = json::parse(j.out);
    EXPECT_EQ(doc["status"], "error");
    ASSERT_EQ(doc["errors"].size(), 1u);
    EXPECT_EQ(doc["errors"][0]["id"], "nope");
    EXPECT_EQ(doc["errors"][0]["kind"], "not_found");
    EXPECT_EQ(doc["errors"][0]["api_error"]["operation"], "flow export");
}

TEST_F(FlowCommandsE2e, ExportNeedsExactlyOneEnvironmentAndConsistentOptions) {
    seed_dev();
    const auto no_env = mgmt({"flow", "export", "sign-in"});
    EXPECT_EQ(no_env.exit_code, 1);
    EXPECT_NE(
        no_env.err.find("flow export works on one environment, but 2 are selected (dev, prod): "
                        "choose one with -e NAME"),
        std::string::npos)
        << no_env.err;
    const auto two = mgmt({"theme", "export", "-e", "dev", "-e", "prod"});
    EXPECT_EQ(two.exit_code, 1);
    EXPECT_NE(two.err.find("theme export works on one environment"), std::string::npos) << two.err;

    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"flow", "export", "-e", "dev"}, "which flow? give its ID"},
        {{"flow", "export", "--all", "-e", "dev"}, "--all needs --dir DIR"},
        {{"flow", "export", "sign-in", "--all", "--dir", "d", "-e", "dev"}, "not both"},
        {{"flow", "export", "sign-in", "--dir", "d", "-e", "dev"}, "--dir is for --all"},
        {{"flow", "export", "--all", "--dir", "d", "--out", "f", "-e", "dev"},
         "--out is for one flow"},
    };
    for (const auto& [args, message] : cases) {
        const auto r = mgmt(args);
        EXPECT_EQ(r.exit_code, 1) << args.size();
        EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    }
    EXPECT_FALSE(fs::exists(m_dir / "d"));
}

TEST_F(FlowCommandsE2e, ThemeExportIsCanonicalAndStable) {
    auto reply = client(kDevProject, kDevKey).post("/v1/mgmt/theme/import", theme_import_body());
    ASSERT_EQ(reply.status, 200) << reply.body;
    const auto r =
        mgmt({"theme", "export", "-e", "dev", "--out", "themes/theme.json", "-o", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string text = read_text(m_dir / "themes/theme.json");
    EXPECT_TRUE(keys_sorted_in_text(text)) << text;
    EXPECT_EQ(text.back(), '\n');
    const json theme = json::parse(text);
    EXPECT_FALSE(theme["theme"].contains("version")) << text;
    EXPECT_EQ(theme["theme"]["cssTemplate"]["light"]["radius"], 8);
    EXPECT_EQ(text.find("8.0"), std::string::npos) << text;  // integral numbers as integers
    const json doc = json::parse(r.out);
    EXPECT_EQ(doc["command"], "theme export");
    EXPECT_EQ(doc["status"], "ok");
    EXPECT_EQ(doc["files"], json::array({{{"type", "theme"},
                                          {"path", "themes/theme.json"},
                                          {"bytes", text.size()},
                                          {"result", "created"}}}));

    // Re-imported (new version) and exported again: identical; stdout gives the same text.
    reply = client(kDevProject, kDevKey).post("/v1/mgmt/theme/import", theme_import_body());
    ASSERT_EQ(reply.status, 200);
    const auto again = mgmt({"theme", "export", "-e", "dev"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(again.out, text);
}

TEST_F(FlowCommandsE2e, HelpTeachesEveryCommand) {
    const auto flow = mgmt({"flow", "--help"});
    EXPECT_EQ(flow.exit_code, 0);
    EXPECT_NE(flow.out.find("list"), std::string::npos) << flow.out;
    EXPECT_NE(flow.out.find("export"), std::string::npos) << flow.out;
    EXPECT_NE(flow.out.find("flow deploy sign-in -e prod"), std::string::npos) << flow.out;
    EXPECT_EQ(flow.out.find("never change a project"), std::string::npos) << flow.out;
    const auto exp = mgmt({"flow", "export", "--help"});
    EXPECT_NE(exp.out.find("Examples:"), std::string::npos) << exp.out;
    EXPECT_NE(exp.out.find("--all --dir flows -e prod"), std::string::npos) << exp.out;
    const auto theme = mgmt({"theme", "--help"});
    EXPECT_NE(theme.out.find("theme deploy -e prod"), std::string::npos) << theme.out;
    const auto theme_export = mgmt({"theme", "export", "--help"});
    EXPECT_NE(theme_export.out.find("Examples:"), std::string::npos) << theme_export.out;
}

}  // namespace
}  // namespace descope_mgmt::test::flow_e2e
