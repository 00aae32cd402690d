#pragma once
// JSON shapes shared by several resources.
#include <boost/json.hpp>

#include "http/app.hpp"

namespace envgrid::http {

boost::json::object actor_json(const Actor& a);

}  // namespace envgrid::http
