#include "model/resources.hpp"

namespace descope_mgmt::model {

std::string_view to_string(ResourceType t) {
    switch (t) {
        case ResourceType::project:
            return "project";
        case ResourceType::permission:
            return "permission";
        case ResourceType::role:
            return "role";
        case ResourceType::tenant:
            return "tenant";
        case ResourceType::tenant_settings:
            return "tenant_settings";
        case ResourceType::flow:
            return "flow";
        case ResourceType::theme:
            return "theme";
    }
    return "tenant";
}

}  // namespace descope_mgmt::model
