package io.wharf.node;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/** Container ids and Docker-style names ("adjective_surname"). */
public final class NameGenerator {
  private NameGenerator() {}

  private static final Random RANDOM = new SecureRandom();
  private static final Pattern VALID_NAME = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$");

  private static final List<String> ADJECTIVES = List.of(
      "admiring", "agitated", "amazing", "angry", "awesome", "bold", "brave", "busy", "charming",
      "clever", "compassionate", "competent", "confident", "cool", "cranky", "dazzling", "determined",
      "distracted", "dreamy", "eager", "ecstatic", "elastic", "elegant", "eloquent", "epic", "exciting",
      "fervent", "focused", "friendly", "frosty", "funny", "gallant", "gifted", "goofy", "gracious",
      "great", "happy", "hardcore", "heuristic", "hopeful", "hungry", "infallible", "inspiring",
      "intelligent", "interesting", "jolly", "jovial", "keen", "kind", "laughing", "loving", "lucid",
      "magical", "modest", "musing", "mystifying", "naughty", "nervous", "nice", "nifty", "nostalgic",
      "objective", "optimistic", "peaceful", "pedantic", "pensive", "practical", "priceless", "quirky",
      "quizzical", "recursing", "relaxed", "reverent", "romantic", "sad", "serene", "sharp", "silly",
      "sleepy", "stoic", "strange", "stupefied", "suspicious", "sweet", "tender", "thirsty", "trusting",
      "unruffled", "upbeat", "vibrant", "vigilant", "vigorous", "wizardly", "wonderful", "xenodochial",
      "youthful", "zealous", "zen");

  // Pioneers of computing and science, as Docker's generator uses.
  private static final List<String> SURNAMES = List.of(
      "agnesi", "albattani", "allen", "almeida", "archimedes", "ardinghelli", "aryabhata", "babbage",
      "banach", "bardeen", "bartik", "bassi", "bell", "benz", "bhabha", "bohr", "booth", "borg", "bose",
      "boyd", "brahmagupta", "brattain", "brown", "carson", "cerf", "chandrasekhar", "clarke", "colden",
      "cori", "cray", "curie", "darwin", "davinci", "dijkstra", "dubinsky", "easley", "einstein",
      "elion", "engelbart", "euclid", "euler", "fermat", "fermi", "feynman", "franklin", "galileo",
      "gates", "goldberg", "goldstine", "goldwasser", "goodall", "hamilton", "hawking", "heisenberg",
      "hermann", "hertz", "hodgkin", "hoover", "hopper", "hugle", "hypatia", "jackson", "jang",
      "jennings", "jepsen", "johnson", "joliot", "jones", "kalam", "keller", "kepler", "khorana",
      "kilby", "knuth", "kowalevski", "lalande", "lamarr", "lamport", "leakey", "leavitt", "lehmann",
      "lewin", "lichterman", "liskov", "lovelace", "lumiere", "mahavira", "margulis", "matsumoto",
      "mayer", "mccarthy", "mcclintock", "mclean", "meitner", "mendel", "merkle", "minsky", "mirzakhani",
      "morse", "murdock", "napier", "nash", "neumann", "newton", "nobel", "noether", "northcutt",
      "noyce", "panini", "pare", "pascal", "pasteur", "payne", "perlman", "pike", "poincare", "ptolemy",
      "raman", "ramanujan", "ride", "ritchie", "robinson", "rosalind", "rubin", "saha", "sammet",
      "shamir", "shannon", "shaw", "shockley", "sinoussi", "snyder", "spence", "stonebraker",
      "sutherland", "swanson", "swartz", "tesla", "thompson", "torvalds", "turing", "varahamihira",
      "visvesvaraya", "volhard", "wescoff", "wilbur", "wiles", "williams", "wilson", "wing", "wozniak",
      "wright", "wu", "yalow", "yonath");

  /** A new 64-hex container id. */
  public static String newId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** A random name; {@code attempt} > 0 appends a digit, as Docker does after a collision. */
  public static String randomName(int attempt) {
    String name = ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size())) + "_"
        + SURNAMES.get(RANDOM.nextInt(SURNAMES.size()));
    return attempt > 0 ? name + RANDOM.nextInt(10) : name;
  }

  /** Docker's rule for user-given names. */
  public static boolean isValidName(String name) {
    return VALID_NAME.matcher(name).matches();
  }
}
