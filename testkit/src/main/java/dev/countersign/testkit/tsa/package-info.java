/** An RFC 3161 timestamp authority with its own root and timestamping leaf certificate. */
package dev.countersign.testkit.tsa;
