/** DSSE envelopes (PAE, signing with one or more keys) and in-toto Statements. */
package dev.countersign.testkit.dsse;
