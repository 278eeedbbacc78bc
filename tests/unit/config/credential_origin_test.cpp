// Issue 13: the loader records where each environment's management key comes from (the
// variable the config references, its default variable, or the config key at file:line:col),
// for the hint when Descope refuses it; and defaults.prune takes the singular as --prune does.
#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace descope_mgmt::config {
namespace {

using testing::FakeEnv;
using testing::load_text;
using testing::rendered;

constexpr const char* kOriginProject = "P2originoriginoriginorigin00";

TEST(CredentialOrigin, TheLoaderRecordsWhereEachKeyComesFrom) {
    FakeEnv env({{"DESCOPE_DEV_PROJECT_ID", kOriginProject},
                 {"DESCOPE_DEV_MANAGEMENT_KEY", "K2dev"},
                 {"PROD_KEY", "K2prod"}});
    const LoadResult r = load_text(
        "version: 1\n"
        "environments:\n"
        "  dev: {}\n"
        "  prod:\n"
        "    project_id: " +
        std::string(kOriginProject) +
        "\n"
        "    management_key: ${PROD_KEY}\n"
        "  test:\n"
        "    project_id: " +
        std::string(kOriginProject) +
        "\n"
        "    management_key: K2writtenInline\n");
    ASSERT_TRUE(r.config) << rendered(r);
    const auto& envs = r.config->environments;
    ASSERT_EQ(envs.size(), 3u);

    // dev leaves the key out: its default variable.
    EXPECT_EQ(envs[0].management_key_origin.variables,
              std::vector<std::string>{"DESCOPE_DEV_MANAGEMENT_KEY"});
    EXPECT_FALSE(envs[0].management_key_origin.location.known());
    EXPECT_EQ(model::credential_hint(envs[0]),
              std::string("check DESCOPE_DEV_MANAGEMENT_KEY: it is the key for dev's project ") +
                  kOriginProject);

    // prod references its own variable: that one, not the default.
    EXPECT_EQ(envs[1].management_key_origin.variables, std::vector<std::string>{"PROD_KEY"});
    EXPECT_EQ(envs[1].management_key_origin.location,
              (diag::SourceLocation{"descope.yaml", 6, 21}));
    EXPECT_EQ(model::credential_hint(envs[1]).rfind("check PROD_KEY: ", 0), 0u)
        << model::credential_hint(envs[1]);

    // test writes it inline: the config key at its place, and never the key.
    EXPECT_TRUE(envs[2].management_key_origin.variables.empty());
    EXPECT_EQ(model::credential_hint(envs[2]),
              std::string("check environments.test.management_key at descope.yaml:9:21: it is "
                          "the key for test's project ") +
                  kOriginProject);
    EXPECT_EQ(model::credential_hint(envs[2]).find("K2writtenInline"), std::string::npos);
}

TEST(PruneSpellings, DefaultsPruneTakesTheSingularAsTheCommandLineDoes) {
    FakeEnv env;
    const LoadResult r = load_text(
        "version: 1\ndefaults:\n  prune: [tenant, roles, permission, flow]\nenvironments:\n"
        "  dev: {}\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(r.diagnostics.error_count(), 0u) << rendered(r);
    EXPECT_EQ(r.config->defaults.prune,
              (std::set<model::PruneType>{model::PruneType::tenants, model::PruneType::roles,
                                          model::PruneType::permissions, model::PruneType::flows}));
}

TEST(PruneSpellings, AnUnknownTypeSuggestsThePluralAndListsOnlyThePlurals) {
    FakeEnv env;
    const LoadResult r =
        load_text("version: 1\ndefaults:\n  prune: [tenantz]\nenvironments:\n  dev: {}\n");
    EXPECT_FALSE(r.config);
    const std::string text = rendered(r);
    EXPECT_NE(text.find("descope.yaml:3:11: error: invalid resource type 'tenantz' in 'prune': "
                        "expected one of tenants, roles, permissions, flows"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("did you mean 'tenants'?"), std::string::npos) << text;
}

}  // namespace
}  // namespace descope_mgmt::config
