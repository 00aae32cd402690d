#include "http/routes.hpp"

namespace envgrid::http {

void register_all(App& app) {
  register_system_routes(app);
  register_session_routes(app);
  register_user_routes(app);
}

}  // namespace envgrid::http
