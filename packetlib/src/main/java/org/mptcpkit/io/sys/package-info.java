/**
 * The system binding layer: the C library calls Java lacks, bound with {@code java.lang.foreign}.
 *
 * <p>Promises: {@link org.mptcpkit.io.sys.LibC} mirrors each C call one to one (C return values,
 * errno per thread via {@code captureCallState}), method handles are created lazily and once, and
 * every failure can be told as {@code "call what: ENAME (glibc text)"}
 * ({@link org.mptcpkit.io.sys.SysException}, {@link org.mptcpkit.io.sys.Errno}). Helpers that
 * wait ({@code pollOne}) always take a timeout.
 *
 * <p>Depends on the JDK only. Linux x86_64 / aarch64 (LP64) layouts.
 */
package org.mptcpkit.io.sys;
