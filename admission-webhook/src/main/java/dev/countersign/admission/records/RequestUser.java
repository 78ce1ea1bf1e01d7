package dev.countersign.admission.records;

import java.util.List;

/**
 * Who asked the API server for the change.
 *
 * @param username the user name from the request's {@code userInfo}
 * @param groups the user's groups, in the order the API server sent them
 */
public record RequestUser(String username, List<String> groups) {
  public RequestUser {
    username = username == null ? "" : username;
    groups = groups == null ? List.of() : List.copyOf(groups);
  }
}
