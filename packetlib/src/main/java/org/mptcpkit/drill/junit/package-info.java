/**
 * JUnit 5 glue: {@link org.mptcpkit.drill.junit.DrillTests} turns a folder of {@code .pkt} scripts
 * into dynamic tests. The only package that needs JUnit, an optional dependency of packetlib.
 */
package org.mptcpkit.drill.junit;
