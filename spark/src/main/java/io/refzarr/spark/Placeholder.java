package io.refzarr.spark; final class Placeholder {}
