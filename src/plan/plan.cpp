#include "plan/plan.hpp"

namespace descope_mgmt::plan {

Summary EnvironmentPlan::summary() const {
    Summary s;
    for (const Change& c : changes) {
        switch (c.action) {
            case Action::no_op:
                break;
            case Action::create:
                ++s.create;
                break;
            case Action::update:
                ++s.update;
                break;
            case Action::replace:
                ++s.replace;
                break;
            case Action::remove:
                ++s.remove;
                break;
        }
    }
    return s;
}

std::size_t EnvironmentPlan::deletions() const {
    const Summary s = summary();
    return s.remove + s.replace;
}

bool Plan::has_changes() const {
    for (const EnvironmentPlan& e : environments) {
        if (e.has_changes()) return true;
    }
    return false;
}

bool Plan::has_read_errors() const {
    for (const EnvironmentPlan& e : environments) {
        if (e.read_error) return true;
    }
    return false;
}

}  // namespace descope_mgmt::plan
