#!/usr/bin/perl
# SPDX-License-Identifier: Apache-2.0
#
# catalogue.pl < Sources/IPsecModel/AlgorithmCatalogue.swift
#
# Prints one line per catalogue entry: KIND NAMES KERNEL-NAME KEY-BITS ICV-BITS, where NAMES
# is the comma-separated setkey names (first is canonical), KERNEL-NAME is "nil" when Linux
# has none, and KEY-BITS is the largest accepted key length. Fails when an entry does not
# parse, so a change of layout in the catalogue cannot silently shrink the kernel test.
use strict;
use warnings;

local $/;
my $text = <STDIN>;
my $count = 0;
while ($text =~ /Algorithm\(\s*names:\s*\[([^\]]*)\],\s*kind:\s*\.(\w+),\s*kernelName:\s*(nil|"[^"]*"),\s*keyBits:\s*(\[[^\]]*\]|Array\(stride\(from:\s*\d+,\s*through:\s*(\d+),\s*by:\s*\d+\)\))(?:,\s*icvBits:\s*(\d+))?\s*\)/g) {
  my ($names, $kind, $kernel, $bits, $through, $icv) = ($1, $2, $3, $4, $5, $6);
  $count++;
  $names =~ s/[" ]//g;
  $kernel =~ s/"//g;
  my $keybits = $through;
  if (!defined $keybits) { my @b = ($bits =~ /(\d+)/g); $keybits = $b[-1]; }
  printf "%s %s %s %s %s\n", $kind, $names, $kernel, $keybits, $icv // 0;
}
my $expected = () = $text =~ /Algorithm\(\s*names:/g;
die "parsed $count of $expected catalogue entries\n" if $count != $expected;
