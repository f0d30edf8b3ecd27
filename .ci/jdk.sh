# Sourced by .ci/setup, ./run-tests and ./mptcpkit: finds a JDK 25 or newer and exports JAVA_HOME.
# Order: an existing JAVA_HOME, Temurin 25 (our machines), Debian/Ubuntu's OpenJDK 25.
find_jdk25() {
  local j
  for j in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
    if [ -n "$j" ] && [ -x "$j/bin/javac" ] \
        && "$j/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
      echo "$j"
      return 0
    fi
  done
  return 1
}
