// Seeder::ActorFor: a user's id, roles and institution read back from the store.
#include "cli/demo_seeder.h"

#include <optional>
#include <string>
#include <vector>

namespace cv::cli {

Result<access::Actor> Seeder::ActorFor(store::Tx& tx, std::string_view login) {
  CV_ASSIGN_OR_RETURN(const std::int64_t id, accounts.FindUserId(tx, login));
  CV_ASSIGN_OR_RETURN(std::vector<access::Role> roles, accounts.RolesOf(tx, id));
  CV_ASSIGN_OR_RETURN(const std::optional<store::Row> row,
                      tx.QueryOne("SELECT institution FROM users WHERE id = ?1", {store::Int(id)}));
  return access::Actor{id, std::string(login), row->Text(0).value_or(""), std::move(roles), "cli"};
}

}  // namespace cv::cli
