package dev.countersign.verify.internal.sbom;

import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.sbom.SbomValidation;
import dev.countersign.verify.sbom.SbomValidation.Problem;
import dev.countersign.verify.verdict.ReasonCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * XML reading for CycloneDX: a hardened SAX parser (no document type declarations, so no entity
 * expansion and no external entities; bounded nesting) that finds the root namespace, and schema
 * validation that names each error's element path as well as its line.
 */
final class CycloneDxXml {
  /** Deepest element nesting accepted. */
  static final int MAX_DEPTH = 200;

  private CycloneDxXml() {}

  /** The namespace of the root element, which must be {@code bom}. */
  static String rootNamespace(byte[] xml) throws EvidenceFormatException {
    String[] found = new String[1];
    DefaultHandler stopAtRoot =
        new DefaultHandler() {
          @Override
          public void startElement(String uri, String local, String qName, Attributes atts)
              throws SAXException {
            found[0] = uri;
            if (!"bom".equals(local)) {
              throw new SAXException("the XML root element is <" + local + ">, not <bom>");
            }
            throw new RootSeen();
          }
        };
    try {
      XMLReader reader = reader();
      reader.setContentHandler(stopAtRoot);
      reader.setErrorHandler(stopAtRoot);
      reader.parse(new InputSource(new ByteArrayInputStream(xml)));
    } catch (RootSeen seen) {
      return found[0] == null ? "" : found[0];
    } catch (SAXException | IOException e) {
      throw malformed(e);
    }
    throw new EvidenceFormatException(ReasonCode.EVIDENCE_MALFORMED, "", "no XML root element");
  }

  /** Every schema violation; a well-formedness error is thrown as EVIDENCE_MALFORMED. */
  static List<Problem> validate(byte[] xml, Schema schema) throws EvidenceFormatException {
    List<Problem> problems = new ArrayList<>();
    ValidatorHandler validator = schema.newValidatorHandler();
    PathTracker paths = new PathTracker(validator);
    validator.setErrorHandler(
        new ErrorHandler() {
          @Override
          public void warning(SAXParseException e) {
            // warnings do not make a BOM invalid
          }

          @Override
          public void error(SAXParseException e) {
            if (problems.size() < SbomValidation.MAX_PROBLEMS) {
              problems.add(
                  new Problem(
                      ReasonCode.SBOM_INVALID,
                      paths.current(),
                      "line "
                          + e.getLineNumber()
                          + ", column "
                          + e.getColumnNumber()
                          + ": "
                          + Texts.clip(e.getMessage(), 400)));
            }
          }

          @Override
          public void fatalError(SAXParseException e) {
            error(e);
          }
        });
    try {
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      XMLReader reader = reader();
      reader.setContentHandler(paths);
      // DefaultHandler throws fatal errors instead of printing them, as the JDK's default does
      reader.setErrorHandler(new DefaultHandler());
      reader.parse(new InputSource(new ByteArrayInputStream(xml)));
    } catch (SAXException | IOException e) {
      throw malformed(e);
    }
    return problems;
  }

  private static XMLReader reader() throws SAXException {
    try {
      SAXParserFactory f = SAXParserFactory.newDefaultInstance();
      f.setNamespaceAware(true);
      f.setXIncludeAware(false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      return f.newSAXParser().getXMLReader();
    } catch (ParserConfigurationException e) {
      throw new SAXException("XML parser unavailable", e);
    }
  }

  private static EvidenceFormatException malformed(Exception e) {
    String where =
        e instanceof SAXParseException p
            ? "line " + p.getLineNumber() + ", column " + p.getColumnNumber() + ": "
            : "";
    return new EvidenceFormatException(
        ReasonCode.EVIDENCE_MALFORMED,
        "",
        "not well-formed XML: " + where + Texts.clip(e.getMessage(), 300));
  }

  /** Thrown to stop parsing once the root element has been seen. */
  private static final class RootSeen extends SAXException {
    private static final long serialVersionUID = 1L;
  }

  /** Passes SAX events to the validator while keeping the path of the current element. */
  private static final class PathTracker extends DefaultHandler {
    private final ValidatorHandler next;
    private final Deque<String> path = new ArrayDeque<>();
    private final Deque<Map<String, Integer>> siblings = new ArrayDeque<>();

    PathTracker(ValidatorHandler next) {
      this.next = next;
      siblings.push(new HashMap<>());
    }

    String current() {
      List<String> parts = new ArrayList<>(path);
      java.util.Collections.reverse(parts);
      return String.join(".", parts);
    }

    @Override
    public void startDocument() throws SAXException {
      next.startDocument();
    }

    @Override
    public void endDocument() throws SAXException {
      next.endDocument();
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
      next.startPrefixMapping(prefix, uri);
    }

    @Override
    public void endPrefixMapping(String prefix) throws SAXException {
      next.endPrefixMapping(prefix);
    }

    @Override
    public void startElement(String uri, String local, String qName, Attributes atts)
        throws SAXException {
      if (path.size() >= MAX_DEPTH) {
        throw new SAXException("elements are nested deeper than " + MAX_DEPTH + " levels");
      }
      int index = siblings.peek().merge(local, 1, Integer::sum) - 1;
      path.push(path.isEmpty() ? local : local + "[" + index + "]");
      siblings.push(new HashMap<>());
      next.startElement(uri, local, qName, atts);
    }

    @Override
    public void endElement(String uri, String local, String qName) throws SAXException {
      next.endElement(uri, local, qName);
      siblings.pop();
      path.pop();
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
      next.characters(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
      next.ignorableWhitespace(ch, start, length);
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
      next.processingInstruction(target, data);
    }

    @Override
    public void setDocumentLocator(org.xml.sax.Locator locator) {
      next.setDocumentLocator(locator);
    }
  }
}
